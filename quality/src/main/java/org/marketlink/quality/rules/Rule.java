package org.marketlink.quality.rules;

import org.marketlink.core.data.Schema;

import java.io.Serializable;
import java.util.Optional;

/**
 * A data-quality rule. {@link #bind} resolves its column names against a schema once; the bound rule then works
 * by field position on every row. Rules are immutable and thread-safe.
 *
 * <p>Rules are {@link java.io.Serializable} so that a suite built on one machine can be shipped as it is to the
 * executors of a cluster (the {@code marketlink-spark} module). A rule made from host code ({@link
 * Rules#satisfies}, {@link Rules#aggregate}) is serializable only when the lambdas it was given are, for
 * example {@code (Predicate<RowView> & Serializable) row -> ...}.
 */
public interface Rule extends Serializable {

    /** A name unique within its suite, for example {@code completeness(CustomerID)}. */
    String name();

    /**
     * Binds the rule to a schema.
     *
     * @throws IllegalArgumentException naming the column when the schema has no such column or a wrong type
     */
    BoundRule bind(Schema schema);

    /** How to write this rule into a suite file; empty for rules made from code (predicates). */
    default Optional<RuleSpec> spec() {
        return Optional.empty();
    }
}

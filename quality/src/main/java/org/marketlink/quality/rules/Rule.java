package org.marketlink.quality.rules;

import org.marketlink.core.data.Schema;

/**
 * A data-quality rule. {@link #bind} resolves its column names against a schema once; the bound rule then works
 * by field position on every row. Rules are immutable and thread-safe.
 */
public interface Rule {

    /** A name unique within its suite, for example {@code completeness(CustomerID)}. */
    String name();

    /**
     * Binds the rule to a schema.
     *
     * @throws IllegalArgumentException naming the column when the schema has no such column or a wrong type
     */
    BoundRule bind(Schema schema);

    /** How to write this rule into a suite file; empty for rules made from code (predicates). */
    default java.util.Optional<RuleSpec> spec() {
        return java.util.Optional.empty();
    }
}

package org.marketlink.quality.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.marketlink.quality.Severity;

import java.io.Serializable;
import java.util.List;

/**
 * A rule as it is written in a suite file (YAML or JSON). {@code type} names the rule; the other fields are its
 * parameters, absent when not used. Which kinds take which parameters is stated by {@link RuleKind}; a parameter a
 * kind does not take is an error, never ignored.
 *
 * @param type       the kind's {@link RuleKind#word() word}: complete, notNull, between, nonNegative, positive, inSet,
 *                   matches, parsesAs, length, compare, unique, primaryKey, rowCount, meanBetween, stddevBetween,
 *                   minBetween, maxBetween, distinctCount, quantile, freshness or columnExists
 * @param name       the outcome's name, when not the kind's own ({@code complete(status)}); every kind
 * @param column     the column (all but unique, primaryKey, compare and rowCount)
 * @param columns    the columns (unique, primaryKey; compare: left and right)
 * @param min        lower bound (between, rowCount, the statistics)
 * @param max        upper bound
 * @param inclusive  whether bounds are included (between; default true)
 * @param values     allowed values (inSet); the type (parsesAs); the operator (compare)
 * @param pattern    regular expression (matches)
 * @param mostly     share of rows that must pass (row rules; default 1, or 0 when {@code maxFailing} is given)
 * @param errorAbove failing share up to which a failure is only a warning (row rules; default 0)
 * @param maxFailing the most rows that may fail (row rules; default: no limit by count)
 * @param severity   severity of a failure (every kind; for row rules, beyond {@code errorAbove}; default ERROR)
 * @param q          the quantile (quantile)
 * @param exact      exact instead of sketched (distinctCount, quantile; default false)
 * @param skipNulls  rows with an empty key column are left out (unique; default false: an empty value is a key
 *                   like any other, so two empty values are a duplicate)
 * @param from       the earliest date or instant allowed (timeBetween): {@code 2024-01-01} or
 *                   {@code 2024-01-01T06:00:00Z}
 * @param to         the latest date or instant allowed (timeBetween)
 * @param filter     which rows the rule judges, in SQL's syntax for a {@code WHERE} clause (Soda's {@code filter},
 *                   dbt's {@code where}): comparisons of a column with a literal, {@code IS [NOT] NULL},
 *                   {@code [NOT] IN (…)}, {@code AND}, {@code OR}, {@code NOT} and parentheses (see
 *                   {@link RowFilter}); every kind. The others are not judged, nor counted.
 * @param reference  what the rule compares with (references, ksDrift, psiDrift, chiSquareDrift): for references
 *                   the {@code dataset.column} (or {@code table.column}) whose keys every present value must be
 *                   among; for drift the name of a stored {@link org.marketlink.quality.drift.ReferenceProfile}.
 *                   A suite file that has one is read with a {@link References} that resolves it.
 * @param maxAge     the oldest the newest value may be (freshness): ISO-8601 ({@code PT6H}, {@code P1D}) or a
 *                   short form of days, hours, minutes and seconds ({@code 1d}, {@code 6h}, {@code 1d12h},
 *                   {@code 90m})
 *
 * @serial exclude
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleSpec(String type, String name, String column, List<String> columns, Double min, Double max,
                       Boolean inclusive, List<String> values, String pattern, Double mostly, Double errorAbove,
                       Long maxFailing, Severity severity, Double q, Boolean exact, String maxAge,
                       Boolean skipNulls, String from, String to, String filter, String reference)
        implements Serializable {

    /** A spec without a reference (every parameter but {@code reference}). */
    public RuleSpec(String type, String name, String column, List<String> columns, Double min, Double max,
                    Boolean inclusive, List<String> values, String pattern, Double mostly, Double errorAbove,
                    Long maxFailing, Severity severity, Double q, Boolean exact, String maxAge,
                    Boolean skipNulls, String from, String to, String filter) {
        this(type, name, column, columns, min, max, inclusive, values, pattern, mostly, errorAbove, maxFailing,
                severity, q, exact, maxAge, skipNulls, from, to, filter, null);
    }

    /** A spec without a row filter (every parameter but {@code filter}). */
    public RuleSpec(String type, String name, String column, List<String> columns, Double min, Double max,
                    Boolean inclusive, List<String> values, String pattern, Double mostly, Double errorAbove,
                    Long maxFailing, Severity severity, Double q, Boolean exact, String maxAge,
                    Boolean skipNulls, String from, String to) {
        this(type, name, column, columns, min, max, inclusive, values, pattern, mostly, errorAbove, maxFailing,
                severity, q, exact, maxAge, skipNulls, from, to, null, null);
    }

    /**
     * A spec of {@code kind} with no parameters yet; the {@code with…} methods add them.
     *
     * @param kind the kind
     * @return the spec
     */
    public static RuleSpec of(RuleKind kind) {
        return new RuleSpec(kind.word(), null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    /** This spec with an outcome name of its own. */
    public RuleSpec withName(String v) {
        return new RuleSpec(type, v, column, columns, min, max, inclusive, values, pattern, mostly, errorAbove,
                maxFailing, severity, q, exact, maxAge, skipNulls, from, to, filter, reference);
    }

    /** This spec on column {@code v}. */
    public RuleSpec withColumn(String v) {
        return new RuleSpec(type, name, v, columns, min, max, inclusive, values, pattern, mostly, errorAbove,
                maxFailing, severity, q, exact, maxAge, skipNulls, from, to, filter, reference);
    }

    /** This spec on columns {@code v}. */
    public RuleSpec withColumns(List<String> v) {
        return new RuleSpec(type, name, column, v == null ? null : List.copyOf(v), min, max, inclusive, values,
                pattern, mostly, errorAbove, maxFailing, severity, q, exact, maxAge, skipNulls, from, to, filter, reference);
    }

    /** This spec with lower bound {@code v}. */
    public RuleSpec withMin(Double v) {
        return new RuleSpec(type, name, column, columns, v, max, inclusive, values, pattern, mostly, errorAbove,
                maxFailing, severity, q, exact, maxAge, skipNulls, from, to, filter, reference);
    }

    /** This spec with upper bound {@code v}. */
    public RuleSpec withMax(Double v) {
        return new RuleSpec(type, name, column, columns, min, v, inclusive, values, pattern, mostly, errorAbove,
                maxFailing, severity, q, exact, maxAge, skipNulls, from, to, filter, reference);
    }

    /** This spec with its bounds included or not. */
    public RuleSpec withInclusive(Boolean v) {
        return new RuleSpec(type, name, column, columns, min, max, v, values, pattern, mostly, errorAbove,
                maxFailing, severity, q, exact, maxAge, skipNulls, from, to, filter, reference);
    }

    /** This spec with values {@code v}. */
    public RuleSpec withValues(List<String> v) {
        return new RuleSpec(type, name, column, columns, min, max, inclusive, v == null ? null : List.copyOf(v),
                pattern, mostly, errorAbove, maxFailing, severity, q, exact, maxAge, skipNulls, from, to, filter, reference);
    }

    /** This spec with regular expression {@code v}. */
    public RuleSpec withPattern(String v) {
        return new RuleSpec(type, name, column, columns, min, max, inclusive, values, v, mostly, errorAbove,
                maxFailing, severity, q, exact, maxAge, skipNulls, from, to, filter, reference);
    }

    /** This spec with {@code v} the share of rows that must pass. */
    public RuleSpec withMostly(Double v) {
        return new RuleSpec(type, name, column, columns, min, max, inclusive, values, pattern, v, errorAbove,
                maxFailing, severity, q, exact, maxAge, skipNulls, from, to, filter, reference);
    }

    /** This spec with at most {@code v} failing rows allowed. */
    public RuleSpec withMaxFailing(Long v) {
        return new RuleSpec(type, name, column, columns, min, max, inclusive, values, pattern, mostly, errorAbove,
                v, severity, q, exact, maxAge, skipNulls, from, to, filter, reference);
    }

    /** This spec failing at severity {@code v}. */
    public RuleSpec withSeverity(Severity v) {
        return new RuleSpec(type, name, column, columns, min, max, inclusive, values, pattern, mostly, errorAbove,
                maxFailing, v, q, exact, maxAge, skipNulls, from, to, filter, reference);
    }

    /** This spec with quantile {@code v}. */
    public RuleSpec withQ(Double v) {
        return new RuleSpec(type, name, column, columns, min, max, inclusive, values, pattern, mostly, errorAbove,
                maxFailing, severity, v, exact, maxAge, skipNulls, from, to, filter, reference);
    }

    /** This spec computed exactly or not. */
    public RuleSpec withExact(Boolean v) {
        return new RuleSpec(type, name, column, columns, min, max, inclusive, values, pattern, mostly, errorAbove,
                maxFailing, severity, q, v, maxAge, skipNulls, from, to, filter, reference);
    }

    /** This spec with maximum age {@code v} (freshness). */
    public RuleSpec withMaxAge(String v) {
        return new RuleSpec(type, name, column, columns, min, max, inclusive, values, pattern, mostly, errorAbove,
                maxFailing, severity, q, exact, v, skipNulls, from, to, filter, reference);
    }

    /** This spec leaving rows with an empty key column out, or not (unique). */
    public RuleSpec withSkipNulls(Boolean v) {
        return new RuleSpec(type, name, column, columns, min, max, inclusive, values, pattern, mostly, errorAbove,
                maxFailing, severity, q, exact, maxAge, v, from, to, filter, reference);
    }

    /** This spec allowing dates or instants from {@code v} on (timeBetween). */
    public RuleSpec withFrom(String v) {
        return new RuleSpec(type, name, column, columns, min, max, inclusive, values, pattern, mostly, errorAbove,
                maxFailing, severity, q, exact, maxAge, skipNulls, v, to, filter, reference);
    }

    /** This spec allowing dates or instants up to {@code v} (timeBetween). */
    public RuleSpec withTo(String v) {
        return new RuleSpec(type, name, column, columns, min, max, inclusive, values, pattern, mostly, errorAbove,
                maxFailing, severity, q, exact, maxAge, skipNulls, from, v, filter, reference);
    }

    /**
     * This spec comparing with {@code v}: the {@code dataset.column} whose keys a references rule looks up, or the
     * name of the reference profile a drift rule compares with (see {@link References}).
     */
    public RuleSpec withReference(String v) {
        return new RuleSpec(type, name, column, columns, min, max, inclusive, values, pattern, mostly, errorAbove,
                maxFailing, severity, q, exact, maxAge, skipNulls, from, to, filter, v);
    }

    /** This spec judging only the rows {@code v} keeps (see {@link RowFilter}). */
    public RuleSpec withFilter(String v) {
        return new RuleSpec(type, name, column, columns, min, max, inclusive, values, pattern, mostly, errorAbove,
                maxFailing, severity, q, exact, maxAge, skipNulls, from, to, v, reference);
    }

    RuleSpec options(RuleOptions o) {
        return new RuleSpec(type, name, column, columns, min, max, inclusive, values, pattern, o.mostly(),
                o.errorAbove(), o.maxFailing() == Long.MAX_VALUE ? null : o.maxFailing(), o.severity(), q, exact,
                maxAge, skipNulls, from, to, filter, reference);
    }

    /**
     * The row options this spec gives: {@code mostly} defaults to 1, or to 0 when only {@code maxFailing} limits the
     * failures; {@code errorAbove} to 0; {@code severity} to ERROR.
     *
     * @return the options
     * @throws IllegalArgumentException naming the option when one is out of range
     */
    public RuleOptions rowOptions() {
        double share = mostly != null ? mostly : maxFailing != null ? 0.0 : 1.0;
        return new RuleOptions(share, errorAbove == null ? 0.0 : errorAbove, failureSeverity(),
                maxFailing == null ? Long.MAX_VALUE : maxFailing);
    }

    /**
     * The severity of a failure this spec gives.
     *
     * @return its {@code severity}, or ERROR when it gives none
     */
    public Severity failureSeverity() {
        return severity == null ? Severity.ERROR : severity;
    }

    /**
     * The kind this spec's {@code type} names.
     *
     * @return the kind
     * @throws IllegalArgumentException when the type is missing or names no kind a suite file can hold
     */
    public RuleKind kind() {
        if (type == null) {
            throw new IllegalArgumentException("type: missing");
        }
        try {
            return RuleKind.ofWord(type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("type: " + e.getMessage(), e);
        }
    }

    /**
     * The rule this spec describes.
     *
     * @param path where the spec sits in its file, for error messages (for example {@code rules[2]})
     * @return the rule, which carries this spec back into files
     * @throws IllegalArgumentException naming the path and the parameter when one is missing, not taken by the
     *                                  rule's kind, or wrong
     */
    public Rule toRule(String path) {
        return toRule(path, References.none());
    }

    /**
     * The rule this spec describes, resolving its {@code reference} (references and drift rules) with
     * {@code references}.
     *
     * @param path       where the spec sits in its file, for error messages (for example {@code rules[2]})
     * @param references what the rule may compare with
     * @return the rule, which carries this spec back into files
     * @throws IllegalArgumentException naming the path and the parameter when one is missing, not taken by the
     *                                  rule's kind, or wrong, or when the reference is not known
     */
    public Rule toRule(String path, References references) {
        try {
            return kind().rule(this, references);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + (namesParameter(e.getMessage()) ? "." : ": ") + e.getMessage(),
                    e);
        }
    }

    /** Whether a message starts with a parameter, {@code "min: missing"}: the path then leads to it with a dot. */
    private static boolean namesParameter(String message) {
        if (message == null) {
            return false;
        }
        if (message.startsWith("type: ")) {
            return true;
        }
        for (RuleKind.Parameter p : RuleKind.Parameter.values()) {
            if (message.startsWith(p.word() + ": ")) {
                return true;
            }
        }
        return false;
    }
}

package org.marketlink.quality.rules;

import org.marketlink.quality.Severity;

import java.io.Serializable;

/**
 * Tolerances of a row rule. A rule passes when no row fails, or when the passing share is at least {@code mostly}
 * and no more than {@code maxFailing} rows fail. A failure is only a warning while the failing share is at most
 * {@code errorAbove}; beyond it, it is at {@code severity}.
 *
 * <p>The share suits suites written as "95% complete" (Great Expectations' {@code mostly}); the count suits suites
 * written as "at most 10 missing" (SodaCL's {@code missing_count(x) <= 10}, dbt's {@code error_if: ">10"}).
 *
 * @param mostly     the share of rows that must pass (1 = all)
 * @param errorAbove failing shares up to this are only a warning; beyond it the rule fails at {@code severity}
 * @param severity   the severity of a failure beyond {@code errorAbove}
 * @param maxFailing the most rows that may fail ({@link Long#MAX_VALUE}: no limit by count)
 *
 * @serial exclude
 */
public record RuleOptions(double mostly, double errorAbove, Severity severity, long maxFailing)
        implements Serializable {

    /**
     * The canonical constructor: checks the components as described above.
     *
     * @throws IllegalArgumentException naming the option when a share is outside 0..1 or the count is negative
     */
    public RuleOptions {
        if (!(mostly >= 0 && mostly <= 1)) {
            throw new IllegalArgumentException("mostly: must be in 0..1, was " + mostly);
        }
        if (!(errorAbove >= 0 && errorAbove <= 1)) {
            throw new IllegalArgumentException("errorAbove: must be in 0..1, was " + errorAbove);
        }
        if (severity == null) {
            throw new IllegalArgumentException("severity: missing");
        }
        if (maxFailing < 0) {
            throw new IllegalArgumentException("maxFailing: must be at least 0, was " + maxFailing);
        }
    }

    /** Options with a share and no limit by count. */
    public RuleOptions(double mostly, double errorAbove, Severity severity) {
        this(mostly, errorAbove, severity, Long.MAX_VALUE);
    }

    /** Every row must pass; any failure is an error. */
    public static RuleOptions strict() {
        return new RuleOptions(1.0, 0.0, Severity.ERROR);
    }

    /** At least {@code share} of the rows must pass; any more failing is an error. */
    public static RuleOptions mostly(double share) {
        return new RuleOptions(share, 0.0, Severity.ERROR);
    }

    /** At most {@code rows} rows may fail, whatever their share; any more failing is an error. */
    public static RuleOptions atMostFailing(long rows) {
        return new RuleOptions(0.0, 0.0, Severity.ERROR, rows);
    }

    /** These options with failures beyond {@code errorAbove} at {@code s}. */
    public RuleOptions withSeverity(Severity s) {
        return new RuleOptions(mostly, errorAbove, s, maxFailing);
    }

    /** These options with failing shares up to {@code share} only a warning. */
    public RuleOptions withErrorAbove(double share) {
        return new RuleOptions(mostly, share, severity, maxFailing);
    }

    /** These options with at most {@code rows} failing rows allowed. */
    public RuleOptions withMaxFailing(long rows) {
        return new RuleOptions(mostly, errorAbove, severity, rows);
    }

    /**
     * How a row rule with these options is judged. The in-memory engine and the SQL pushdown both judge through
     * this method, so they cannot disagree.
     *
     * @param rows    the rows seen
     * @param failing the rows that failed
     * @return null when the rule passes, otherwise the severity of its failure
     */
    public Severity judge(long rows, long failing) {
        if (failing == 0) {
            return null;
        }
        double passing = rows == 0 ? 1 : (double) (rows - failing) / rows;
        if (passing >= mostly && failing <= maxFailing) {
            return null;
        }
        if (1 - passing > errorAbove) {
            return severity;
        }
        return severity == Severity.INFO ? Severity.INFO : Severity.WARNING;
    }
}

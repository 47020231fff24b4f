package org.marketlink.quality.rules;

import org.marketlink.quality.Severity;

import java.io.Serializable;

/**
 * Tolerances of a row rule.
 *
 * @param mostly     the share of rows that must pass (1 = all)
 * @param errorAbove failing shares up to this are only a warning; beyond it the rule fails at {@code severity}
 * @param severity   the severity of a failure beyond {@code errorAbove}
 *
 * @serial exclude
 */
public record RuleOptions(double mostly, double errorAbove, Severity severity)
        implements Serializable {
    /** Every row must pass; any failure is an error. */
    public static RuleOptions strict() {
        return new RuleOptions(1.0, 0.0, Severity.ERROR);
    }

    /** At least {@code share} of the rows must pass; any more failing is an error. */
    public static RuleOptions mostly(double share) {
        return new RuleOptions(share, 0.0, Severity.ERROR);
    }

    /** These options with failures beyond {@code errorAbove} at {@code s}. */
    public RuleOptions withSeverity(Severity s) {
        return new RuleOptions(mostly, errorAbove, s);
    }

    /** These options with failing shares up to {@code share} only a warning. */
    public RuleOptions withErrorAbove(double share) {
        return new RuleOptions(mostly, share, severity);
    }
}

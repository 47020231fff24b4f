package org.marketlink.quality.metrics;

import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Severity;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * Judges a dataset metric against the closed interval a rule allows, and renders numbers for messages the same way
 * everywhere. Stateless and thread-safe.
 */
public final class MetricBounds {
    private MetricBounds() {
    }

    /**
     * The outcome of a metric that must lie in {@code [min, max]}, with a message such as
     * {@code "mean 4.2, expected 0..10"}.
     *
     * @param name  the rule's name
     * @param value the metric
     * @param min   the smallest value allowed
     * @param max   the largest value allowed
     * @param what  names the metric in the message
     * @return passed when the value lies in the interval, failed at {@link Severity#ERROR} otherwise
     */
    public static RuleOutcome judge(String name, double value, double min, double max, String what) {
        String msg = what + " " + measured(value) + ", expected " + format(min) + ".." + format(max);
        return value >= min && value <= max ? new RuleOutcome.Passed(name, value, msg)
                : new RuleOutcome.Failed(name, value, msg, Severity.ERROR, 0, List.of(), List.of());
    }

    /**
     * A measured number as messages show it: to six significant digits, so that the same data gives the same text
     * whatever order the partial sums were merged in (the last bits of a parallel mean vary), and a person reads
     * {@code 44.7009} rather than {@code 44.70093834165843}. The outcome's metric keeps every digit.
     *
     * @param d the number
     * @return its text
     */
    public static String measured(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return format(d);
        }
        return new BigDecimal(d).round(new MathContext(6, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                .toPlainString();
    }

    /**
     * A number as messages show it: whole numbers without a point, infinities as {@code ∞}.
     *
     * @param d the number
     * @return its text
     */
    public static String format(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "∞" : "-∞";
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}

package org.marketlink.quality.metrics;

import org.marketlink.core.data.Row;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.rules.RuleState;

/**
 * The sample standard deviation of the finite values of one numeric column, judged against [min, max]: Welford's
 * running moments, merged with Chan's formula, so chunks combine exactly. Errored with fewer than two values. Not
 * thread-safe.
 */
public final class StandardDeviation implements RuleState {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final int column;
    private final double min;
    private final double max;
    private long n;
    private double mean;
    private double m2;

    /**
     * Empty moments.
     *
     * @param name   the rule's name
     * @param column the position of the numeric column
     * @param min    the smallest standard deviation allowed
     * @param max    the largest standard deviation allowed
     */
    public StandardDeviation(String name, int column, double min, double max) {
        this.name = name;
        this.column = column;
        this.min = min;
        this.max = max;
    }

    @Override
    public void accept(Row row) {
        double x = FiniteSample.finite(row, column);
        if (x == x) {
            n++;
            double d = x - mean;
            mean += d / n;
            m2 += d * (x - mean);
        }
    }

    @Override
    public void merge(RuleState other) {
        StandardDeviation o = (StandardDeviation) other;
        if (o.n == 0) {
            return;
        }
        long total = n + o.n;
        double d = o.mean - mean;
        m2 += o.m2 + d * d * n * o.n / total;
        mean += d * o.n / total;
        n = total;
    }

    @Override
    public RuleOutcome outcome() {
        if (n < 2) {
            return new RuleOutcome.Errored(name, Double.NaN, "fewer than two finite values");
        }
        return MetricBounds.judge(name, Math.sqrt(m2 / (n - 1)), min, max, "standard deviation");
    }
}

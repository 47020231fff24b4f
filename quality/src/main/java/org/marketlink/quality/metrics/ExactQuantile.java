package org.marketlink.quality.metrics;

import org.marketlink.core.data.RowView;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.rules.RuleState;

/**
 * A quantile of the finite values of one numeric column, computed exactly (the inclusive quantile: the smallest value
 * with at least q·n values at or below it; every value is kept), judged against [min, max]. Not thread-safe.
 */
public final class ExactQuantile implements RuleState {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final int column;
    private final double q;
    private final double min;
    private final double max;
    private final FiniteSample sample = new FiniteSample();

    /**
     * An empty state.
     *
     * @param name   the rule's name
     * @param column the position of the column
     * @param q      the quantile, in 0..1
     * @param min    the smallest value allowed
     * @param max    the largest value allowed
     */
    public ExactQuantile(String name, int column, double q, double min, double max) {
        this.name = name;
        this.column = column;
        this.q = q;
        this.min = min;
        this.max = max;
    }

    @Override
    public void accept(RowView row) {
        sample.accept(row, column);
    }

    @Override
    public void merge(RuleState other) {
        sample.addAll(((ExactQuantile) other).sample);
    }

    @Override
    public RuleOutcome outcome() {
        int n = sample.size();
        if (n == 0) {
            return new RuleOutcome.Errored(name, Double.NaN, "no finite values");
        }
        double[] sorted = sample.sorted();
        // the inclusive quantile: the smallest value with at least q·n values at or below it
        int rank = (int) Math.ceil(q * n);
        return MetricBounds.judge(name, sorted[Math.max(0, Math.min(n - 1, rank - 1))], min, max, "exactly");
    }
}

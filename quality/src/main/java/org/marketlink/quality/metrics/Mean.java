package org.marketlink.quality.metrics;

import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.RowView;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.rules.RuleState;

/**
 * The mean of the finite values of one numeric column, judged against [min, max]; errored when there are none.
 * A count and a sum, so chunks merge exactly. The sum is kept in units of {@link #SCALE}: multiplying by a power
 * of two is exact, so it rounds as a plain sum does, yet no number of finite values can overflow it (a plain sum of
 * two values near {@link Double#MAX_VALUE} is infinite, though their mean is not). Not thread-safe.
 */
public final class Mean implements RuleState {
    /** 2<sup>-64</sup>: the unit of the kept sum, and what SQL's mean multiplies by before it sums. */
    public static final double SCALE = 0x1p-64;
    private static final long serialVersionUID = 1L;
    private final String name;
    private final int column;
    private final double min;
    private final double max;
    private long n;
    private double sum;

    /**
     * An empty mean.
     *
     * @param name   the rule's name
     * @param column the position of the numeric column
     * @param min    the smallest mean allowed
     * @param max    the largest mean allowed
     */
    public Mean(String name, int column, double min, double max) {
        this.name = name;
        this.column = column;
        this.min = min;
        this.max = max;
    }

    @Override
    public void accept(RowView row) {
        double d = FiniteSample.finite(row, column);
        if (d == d) {
            n++;
            sum += d * SCALE;
        }
    }

    @Override
    public boolean columnar() {
        return true;
    }

    @Override
    public void acceptColumns(ColumnBatch batch, long[] failed) {
        boolean[] nulls = batch.nulls(column);
        int size = batch.size();
        switch (batch.schema().field(column).type()) {
            case DOUBLE -> {
                double[] v = batch.doubles(column);
                long count = 0;
                double s = sum; // added in row order, as the row path adds: the same sum to the last bit
                for (int r = 0; r < size; r++) {
                    double x = v[r];
                    if (!nulls[r] && Double.isFinite(x)) {
                        count++;
                        s += x * SCALE;
                    }
                }
                n += count;
                sum = s;
            }
            case LONG -> {
                long[] v = batch.longs(column);
                long count = 0;
                double s = sum; // added in row order, as the row path adds: the same sum to the last bit
                for (int r = 0; r < size; r++) {
                    if (!nulls[r]) {
                        count++;
                        s += v[r] * SCALE;
                    }
                }
                n += count;
                sum = s;
            }
            default -> {
                for (int r = 0; r < size; r++) {
                    Object x = batch.get(column, r);
                    double d = x == null ? Double.NaN : ((Number) x).doubleValue();
                    if (Double.isFinite(d)) {
                        n++;
                        sum += d * SCALE;
                    }
                }
            }
        }
    }

    @Override
    public void merge(RuleState other) {
        Mean o = (Mean) other;
        n += o.n;
        sum += o.sum;
    }

    @Override
    public RuleOutcome outcome() {
        if (n == 0) {
            return new RuleOutcome.Errored(name, Double.NaN, "no finite values to average");
        }
        return MetricBounds.judge(name, sum / n / SCALE, min, max, "mean");
    }
}

package org.marketlink.quality.metrics;

import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.RowView;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.rules.RuleState;


/**
 * A quantile of the finite values of one numeric column, estimated with a {@link KllDoubles} sketch (k 400: the
 * estimate's rank within about 0.7% of {@code q}, in bounded memory), judged against [min, max]. The sketch's coin is
 * seeded from the rule's name, so the same rows give the same estimate on every run. Not thread-safe.
 */
public final class KllQuantile implements RuleState {
    private static final long serialVersionUID = 1L;
    /** The sketch's accuracy: rank error about 0.7% at 99% confidence, Deequ's 1% with room to spare. */
    public static final int KLL_K = 400;
    private final String name;
    private final int column;
    private final double q;
    private final double min;
    private final double max;
    private final KllDoubles sketch;

    /**
     * An empty state.
     *
     * @param name   the rule's name
     * @param column the position of the column
     * @param q      the quantile, in 0..1
     * @param min    the smallest value allowed
     * @param max    the largest value allowed
     */
    public KllQuantile(String name, int column, double q, double min, double max) {
        this.name = name;
        this.column = column;
        this.q = q;
        this.min = min;
        this.max = max;
        this.sketch = new KllDoubles(KLL_K, seedOf(name));
    }

    /** A seed from the rule's name (String's hash is specified, so it is the same in every JVM). */
    static long seedOf(String name) {
        return 0x9E3779B97F4A7C15L * name.hashCode() + 0x5EEDL;
    }

    @Override
    public void accept(RowView row) {
        double d = FiniteSample.finite(row, column);
        if (d == d) {
            sketch.update(d);
        }
    }

    @Override
    public boolean columnar() {
        return true;
    }

    @Override
    public void acceptColumns(ColumnBatch batch, long[] failed) {
        Numbers.forEach(batch, column, d -> {
            if (Double.isFinite(d)) {
                sketch.update(d);
            }
        });
    }

    @Override
    public void merge(RuleState other) {
        sketch.merge(((KllQuantile) other).sketch);
    }

    @Override
    public RuleOutcome outcome() {
        if (sketch.isEmpty()) {
            return new RuleOutcome.Errored(name, Double.NaN, "no finite values");
        }
        return MetricBounds.judge(name, sketch.quantile(q), min, max, "about");
    }
}

package org.marketlink.quality.metrics;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.Row;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.rules.RuleState;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * A quantile of the finite values of one numeric column, estimated with an Apache DataSketches KLL sketch (k 200:
 * about 1.7% rank error in bounded memory), judged against [min, max]. Not thread-safe.
 */
public final class KllQuantile implements RuleState {
    private static final long serialVersionUID = 1L;
    private static final int KLL_K = 200;
    private final String name;
    private final int column;
    private final double q;
    private final double min;
    private final double max;
    /** Travels in DataSketches' own byte form, as the HLL sketch does. */
    private transient KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(KLL_K);

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
    }

    @Override
    public void accept(Row row) {
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
        return MetricBounds.judge(name, sketch.getQuantile(q, QuantileSearchCriteria.INCLUSIVE), min, max, "about");
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeObject(sketch.toByteArray());
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        sketch = KllDoublesSketch.heapify(Memory.wrap((byte[]) in.readObject()));
    }
}

package org.marketlink.quality.metrics;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;
import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.RowView;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.rules.RuleState;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * The number of distinct present values of one column, estimated with an Apache DataSketches HyperLogLog sketch
 * (lgK 12: about 1.6% relative error in a few kilobytes), judged against [min, max]. Sketches merge across chunks
 * and travel in DataSketches' compact byte form. Not thread-safe.
 */
public final class HllDistinctCount implements RuleState {
    private static final long serialVersionUID = 1L;
    private static final int LG_K = 12;
    private final String name;
    private final int column;
    private final long min;
    private final long max;
    /** DataSketches' own compact form travels instead of the heap object (which is not serializable). */
    private transient HllSketch sketch = new HllSketch(LG_K);

    /**
     * An empty state.
     *
     * @param name   the rule's name
     * @param column the position of the column
     * @param min    the smallest value allowed
     * @param max    the largest value allowed
     */
    public HllDistinctCount(String name, int column, long min, long max) {
        this.name = name;
        this.column = column;
        this.min = min;
        this.max = max;
    }

    @Override
    public void accept(RowView row) {
        Object v = row.get(column);
        if (v instanceof Long l) {
            sketch.update(l.longValue());
        } else if (v instanceof Double x) {
            sketch.update(x == 0 ? 0.0 : x); // -0.0 is 0.0, as SQL counts it
        } else if (v != null) {
            sketch.update(SqlEquality.key(v).toString());
        }
    }

    @Override
    public boolean columnar() {
        return true;
    }

    @Override
    public void acceptColumns(ColumnBatch batch, long[] failed) {
        boolean[] nulls = batch.nulls(column);
        int n = batch.size();
        switch (batch.schema().field(column).type()) {
            case LONG -> {
                long[] v = batch.longs(column);
                for (int r = 0; r < n; r++) {
                    if (!nulls[r]) {
                        sketch.update(v[r]);
                    }
                }
            }
            case DOUBLE -> {
                double[] v = batch.doubles(column);
                for (int r = 0; r < n; r++) {
                    if (!nulls[r]) {
                        sketch.update(v[r] == 0 ? 0.0 : v[r]);
                    }
                }
            }
            case STRING -> {
                if (batch.encoded(column)) {
                    // a distinct count needs each value once: the dictionary's entries that occur
                    int[] codes = batch.codes(column);
                    String[] dictionary = batch.dictionary(column);
                    boolean[] seen = new boolean[batch.dictionarySize(column)];
                    for (int r = 0; r < n; r++) {
                        if (!nulls[r] && !seen[codes[r]]) {
                            seen[codes[r]] = true;
                            sketch.update(dictionary[codes[r]]);
                        }
                    }
                    return;
                }
                String[] v = batch.texts(column);
                for (int r = 0; r < n; r++) {
                    if (!nulls[r]) {
                        sketch.update(v[r]);
                    }
                }
            }
            default -> {
                for (int r = 0; r < n; r++) {
                    Object v = batch.get(column, r);
                    if (v != null) {
                        sketch.update(SqlEquality.key(v).toString());
                    }
                }
            }
        }
    }

    @Override
    public void merge(RuleState other) {
        Union union = new Union(LG_K);
        union.update(sketch);
        union.update(((HllDistinctCount) other).sketch);
        sketch = union.getResult();
    }

    @Override
    public RuleOutcome outcome() {
        return MetricBounds.judge(name, Math.round(sketch.getEstimate()), min, max, "about");
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeObject(sketch.toCompactByteArray());
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        sketch = HllSketch.heapify((byte[]) in.readObject());
    }
}

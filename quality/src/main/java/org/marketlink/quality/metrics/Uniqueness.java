package org.marketlink.quality.metrics;

import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.RowView;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.rules.RuleState;

/**
 * The share of all rows whose key occurs exactly once (Deequ's {@code Uniqueness}: rows with an empty key column
 * count in the denominator only), judged against [min, max]; 1 on no rows. Counted by a uniqueness state, so it
 * costs what {@code unique} costs and merges as it does. Not thread-safe.
 */
public final class Uniqueness implements RuleState {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final KeyFrequencies keys;
    private final double min;
    private final double max;
    private long rows;

    /**
     * @param keys a fresh uniqueness state of the key columns
     */
    public Uniqueness(String name, KeyFrequencies keys, double min, double max) {
        this.name = name;
        this.keys = keys;
        this.min = min;
        this.max = max;
    }

    @Override
    public void accept(RowView row) {
        rows++;
        keys.accept(row);
    }

    @Override
    public boolean columnar() {
        return keys.columnar();
    }

    @Override
    public void acceptColumns(ColumnBatch batch, long[] failed) {
        rows += batch.size();
        keys.acceptColumns(batch, failed);
    }

    @Override
    public void merge(RuleState other) {
        Uniqueness o = (Uniqueness) other;
        rows += o.rows;
        keys.merge(o.keys);
    }

    @Override
    public RuleOutcome outcome() {
        double share = rows == 0 ? 1 : (double) keys.keysSeenOnce() / rows;
        return MetricBounds.judge(name, share, min, max, "uniqueness");
    }
}

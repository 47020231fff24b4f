package org.marketlink.quality.metrics;

import org.marketlink.core.data.ColumnBatch;

import java.util.function.DoubleConsumer;

/** The present values of a numeric column of a batch, as doubles, for the statistics' column loops. */
final class Numbers {
    private Numbers() {
    }

    /**
     * Calls {@code each} with every present value of the numeric column at {@code column}, in row order (NaN and
     * infinities included; empty values left out), as the row path's {@code ((Number) v).doubleValue()} reads it.
     */
    static void forEach(ColumnBatch batch, int column, DoubleConsumer each) {
        boolean[] nulls = batch.nulls(column);
        int n = batch.size();
        switch (batch.schema().field(column).type()) {
            case DOUBLE -> {
                double[] v = batch.doubles(column);
                for (int r = 0; r < n; r++) {
                    if (!nulls[r]) {
                        each.accept(v[r]);
                    }
                }
            }
            case LONG -> {
                long[] v = batch.longs(column);
                for (int r = 0; r < n; r++) {
                    if (!nulls[r]) {
                        each.accept(v[r]);
                    }
                }
            }
            default -> {
                for (int r = 0; r < n; r++) {
                    Object v = batch.get(column, r);
                    if (v != null) {
                        each.accept(((Number) v).doubleValue());
                    }
                }
            }
        }
    }
}

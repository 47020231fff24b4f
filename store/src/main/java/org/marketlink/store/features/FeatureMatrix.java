package org.marketlink.store.features;

import java.util.List;

/**
 * Feature values for a list of requests: row {@code i} answers request {@code i}, column {@code j} is feature
 * {@code j} of the set. NaN where there is no value (never computed, computed as missing, or only stamped later).
 *
 * @param features the columns' feature keys
 * @param values   one row per request
 */
public record FeatureMatrix(List<String> features, double[][] values) {
    /** Copies the feature list; the rows are the array itself. */
    public FeatureMatrix {
        features = List.copyOf(features);
    }

    /** The value of feature {@code column} for request {@code row}; NaN when there is none. */
    public double get(int row, int column) {
        return values[row][column];
    }
}

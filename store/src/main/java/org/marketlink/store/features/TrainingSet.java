package org.marketlink.store.features;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One version of a labelled training set as the store holds it: row {@code i} is about {@code keys().get(i)}, has
 * its features as of {@code asOf().get(i)} in {@link #featureNames()} order (NaN where missing) and its label.
 * The arrays are the caller's once read: nothing else holds them.
 *
 * @param name         the set
 * @param runId        the run that wrote it: its version, with a lineage row
 * @param featureNames the columns of {@code features}
 * @param keys         what each row is about, for example {@code {shg=..., buyer=...}}
 * @param asOf         the time each row's features describe (point in time: nothing later went into them)
 * @param labels       each row's label
 * @param features     each row's values
 */
public record TrainingSet(String name, String runId, List<String> featureNames, List<Map<String, String>> keys,
                          List<Instant> asOf, double[] labels, double[][] features) {
    /** Copies the lists; the arrays are taken as they are. */
    public TrainingSet {
        featureNames = List.copyOf(featureNames);
        keys = List.copyOf(keys);
        asOf = List.copyOf(asOf);
    }

    /** The number of rows. */
    public int size() {
        return labels.length;
    }

    /** The number of rows labelled above 0 (the positives of a 0/1 set). */
    public int positives() {
        int n = 0;
        for (double l : labels) {
            n += l > 0 ? 1 : 0;
        }
        return n;
    }
}

package org.marketlink.matching.scoring;

import java.util.List;

/** Turns a feature vector into a score in 0..1 and explains it. Implementations are immutable and thread-safe. */
public interface PairScorer {
    /** The names of the features a vector must hold, in order. */
    List<String> featureNames();

    /**
     * The score of one feature vector, 0..1, higher is better.
     *
     * @throws IllegalArgumentException when the vector has the wrong length
     */
    double score(double[] features);

    /** The score with each feature's contribution. */
    Explanation explain(double[] features);

    /** Checks a vector's length against {@link #featureNames()}. */
    default void checkLength(double[] features) {
        if (features == null || features.length != featureNames().size()) {
            throw new IllegalArgumentException("expected " + featureNames().size() + " features " + featureNames()
                    + ", got " + (features == null ? "null" : features.length));
        }
    }
}

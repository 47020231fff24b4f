package org.marketlink.matching.scoring;

import org.marketlink.matching.features.PairFeature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The weighted sum of the pair features: with weights that sum to 1 and features in 0..1 the score is in 0..1, and the
 * explanation is exact (each feature contributes {@code weight * value}). Immutable and thread-safe.
 */
public final class WeightedScorer implements PairScorer {
    private static final List<String> NAMES = Arrays.stream(PairFeature.values()).map(PairFeature::key).toList();
    private final Weights weights;
    private final double[] w;

    /** A scorer with {@code weights}. */
    public WeightedScorer(Weights weights) {
        if (weights == null) {
            throw new IllegalArgumentException("weights must not be null");
        }
        this.weights = weights;
        this.w = weights.toArray();
    }

    /** A scorer with {@link Weights#defaults()}. */
    public static WeightedScorer defaults() {
        return new WeightedScorer(Weights.defaults());
    }

    /** The weights, normalised to sum to 1. */
    public Weights weights() {
        return weights;
    }

    @Override
    public List<String> featureNames() {
        return NAMES;
    }

    @Override
    public double score(double[] features) {
        checkLength(features);
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += w[i] * features[i];
        }
        return s;
    }

    @Override
    public Explanation explain(double[] features) {
        checkLength(features);
        List<Explanation.Contribution> parts = new ArrayList<>(w.length);
        for (int i = 0; i < w.length; i++) {
            parts.add(new Explanation.Contribution(NAMES.get(i), features[i], w[i] * features[i]));
        }
        return new Explanation(score(features), "score", 0, parts);
    }
}

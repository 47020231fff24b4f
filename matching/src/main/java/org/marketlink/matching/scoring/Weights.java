package org.marketlink.matching.scoring;

import org.marketlink.matching.features.PairFeature;

import java.util.EnumMap;
import java.util.Map;

/**
 * Weights of the pair features in the {@link WeightedScorer}. Weights are non-negative and are normalised to sum to 1,
 * so the weighted score stays in 0..1. Immutable.
 */
public final class Weights {
    private final double[] normalised;

    private Weights(double[] raw) {
        double sum = 0;
        for (int i = 0; i < raw.length; i++) {
            if (!(raw[i] >= 0) || !Double.isFinite(raw[i])) {
                throw new IllegalArgumentException("weight of " + PairFeature.at(i).key()
                        + " must be a finite number ≥ 0, was " + raw[i]);
            }
            sum += raw[i];
        }
        if (sum == 0) {
            throw new IllegalArgumentException("at least one weight must be positive");
        }
        normalised = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            normalised[i] = raw[i] / sum;
        }
    }

    /**
     * Category 0.25, proximity 0.15, logistics 0.10, collaborative success 0.10, volume 0.15, quality 0.15,
     * price 0.10.
     */
    public static Weights defaults() {
        return new Weights(new double[] {0.25, 0.15, 0.10, 0.10, 0.15, 0.15, 0.10});
    }

    /** Weights from a map; features not in it weigh 0. */
    public static Weights of(Map<PairFeature, Double> weights) {
        double[] raw = new double[PairFeature.count()];
        weights.forEach((f, w) -> raw[f.ordinal()] = w);
        return new Weights(raw);
    }

    /** These weights with one changed (before normalising again). */
    public Weights with(PairFeature feature, double weight) {
        double[] raw = normalised.clone();
        raw[feature.ordinal()] = weight;
        return new Weights(raw);
    }

    /** The normalised weight of a feature. */
    public double get(PairFeature feature) {
        return normalised[feature.ordinal()];
    }

    /** The normalised weights in {@link PairFeature} order (a copy). */
    public double[] toArray() {
        return normalised.clone();
    }

    /** The normalised weights by feature, in {@link PairFeature} order (a new map each call). */
    public Map<PairFeature, Double> asMap() {
        Map<PairFeature, Double> m = new EnumMap<>(PairFeature.class);
        for (PairFeature f : PairFeature.values()) {
            m.put(f, normalised[f.ordinal()]);
        }
        return m;
    }

    @Override
    public String toString() {
        return "Weights" + asMap();
    }
}

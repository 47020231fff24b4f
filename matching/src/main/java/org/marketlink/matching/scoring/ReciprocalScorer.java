package org.marketlink.matching.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A reciprocal score: how much the group wants the buyer and how much the buyer wants the group, combined so that a
 * pair only scores well when both sides do (reciprocal recommenders use the harmonic mean for this). Both scorers read
 * the same feature vector, each with its own view of it, for example a group weighing price and distance and a buyer
 * weighing quality and volume. Immutable and thread-safe.
 */
public final class ReciprocalScorer implements PairScorer {
    /** How the two directions are combined. */
    public enum Combination {
        /** {@code 2ab / (a + b)}, 0 when either is 0: punishes a one-sided match hardest after the minimum. */
        HARMONIC,
        /** {@code √(ab)}. */
        GEOMETRIC,
        /** {@code (a + b) / 2}: no reciprocity, for comparison. */
        ARITHMETIC,
        /** {@code min(a, b)}. */
        MINIMUM;

        /** The combination of the group's score {@code a} and the buyer's score {@code b}, both in 0..1. */
        public double combine(double a, double b) {
            return switch (this) {
                case HARMONIC -> a + b == 0 ? 0 : 2 * a * b / (a + b);
                case GEOMETRIC -> Math.sqrt(a * b);
                case ARITHMETIC -> (a + b) / 2;
                case MINIMUM -> Math.min(a, b);
            };
        }
    }

    private final PairScorer shgView;
    private final PairScorer buyerView;
    private final Combination combination;
    private final double[] reference;

    /**
     * @param shgView     the group's wish for the buyer
     * @param buyerView   the buyer's wish for the group; must read the same features
     * @param combination how to combine them
     * @param reference   the feature vector explanations are measured from (for example all 0.5, a neutral pair)
     */
    public ReciprocalScorer(PairScorer shgView, PairScorer buyerView, Combination combination, double[] reference) {
        if (shgView == null || buyerView == null || combination == null || reference == null) {
            throw new IllegalArgumentException("scorers, combination and reference must not be null");
        }
        if (!shgView.featureNames().equals(buyerView.featureNames())) {
            throw new IllegalArgumentException("both views must read the same features, got "
                    + shgView.featureNames() + " and " + buyerView.featureNames());
        }
        shgView.checkLength(reference);
        this.shgView = shgView;
        this.buyerView = buyerView;
        this.combination = combination;
        this.reference = reference.clone();
    }

    /** Harmonic mean of the two views, explained against the neutral pair (every feature 0.5). */
    public static ReciprocalScorer harmonic(PairScorer shgView, PairScorer buyerView) {
        double[] neutral = new double[shgView.featureNames().size()];
        Arrays.fill(neutral, 0.5);
        return new ReciprocalScorer(shgView, buyerView, Combination.HARMONIC, neutral);
    }

    @Override
    public List<String> featureNames() {
        return shgView.featureNames();
    }

    @Override
    public double score(double[] features) {
        return combination.combine(shgView.score(features), buyerView.score(features));
    }

    /** The combined score with each feature's Shapley share of its difference from the reference pair's score. */
    @Override
    public Explanation explain(double[] features) {
        checkLength(features);
        double[] phi = ShapleyValues.of(this::score, features, reference, 0);
        List<Explanation.Contribution> parts = new ArrayList<>(phi.length);
        for (int i = 0; i < phi.length; i++) {
            parts.add(new Explanation.Contribution(featureNames().get(i), features[i], phi[i]));
        }
        return new Explanation(score(features), "score", score(reference), parts);
    }
}

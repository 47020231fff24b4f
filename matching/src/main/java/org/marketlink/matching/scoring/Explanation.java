package org.marketlink.matching.scoring;

import java.util.Comparator;
import java.util.List;

/**
 * Why a pair got its score: what each feature added.
 *
 * @param score         the score, 0..1
 * @param scale         the scale the contributions add up on: {@code "score"} for the weighted scorer (base plus
 *                      contributions is the score) or {@code "log-odds"} for learned scorers (base plus contributions
 *                      is the model's log-odds before calibration)
 * @param base          the value with every feature at its reference (0 for the weighted scorer, the average
 *                      log-odds over the training data for learned ones)
 * @param contributions one per feature, in the scorer's feature order
 */
public record Explanation(double score, String scale, double base, List<Contribution> contributions) {
    /** Copies the contributions. */
    public Explanation {
        contributions = List.copyOf(contributions);
    }

    /**
     * What one feature added.
     *
     * @param feature      the feature's name
     * @param value        its value for this pair
     * @param contribution what it added to the base on the explanation's scale
     */
    public record Contribution(String feature, double value, double contribution) {
    }

    /** The contributions, largest absolute effect first. */
    public List<Contribution> strongestFirst() {
        return contributions.stream()
                .sorted(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.contribution())))
                .toList();
    }

    /** {@code base} plus every contribution. */
    public double total() {
        double t = base;
        for (Contribution c : contributions) {
            t += c.contribution();
        }
        return t;
    }
}

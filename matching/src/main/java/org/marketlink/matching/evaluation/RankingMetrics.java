package org.marketlink.matching.evaluation;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Ranking quality: NDCG@k, MAP@k and recall@k of one ranked list against the set of relevant items, and AUC of scores
 * against binary labels. Relevance is binary. All methods are pure functions.
 */
public final class RankingMetrics {
    private RankingMetrics() {
    }

    /**
     * Normalised discounted cumulative gain at k: the gain {@code 1 / log2(rank + 1)} of each relevant item in the top
     * k, divided by the gain of a perfect list. 0 when nothing is relevant.
     */
    public static <T> double ndcgAtK(List<T> ranked, Set<T> relevant, int k) {
        checkK(k);
        if (relevant.isEmpty()) {
            return 0;
        }
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (relevant.contains(ranked.get(i))) {
                dcg += 1 / log2(i + 2);
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(k, relevant.size()); i++) {
            ideal += 1 / log2(i + 2);
        }
        return dcg / ideal;
    }

    /**
     * Average precision at k: the mean of precision@i over the ranks i ≤ k that hold a relevant item, divided by
     * {@code min(k, |relevant|)}. 0 when nothing is relevant.
     */
    public static <T> double averagePrecisionAtK(List<T> ranked, Set<T> relevant, int k) {
        checkK(k);
        if (relevant.isEmpty()) {
            return 0;
        }
        double sum = 0;
        int hits = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (relevant.contains(ranked.get(i))) {
                hits++;
                sum += (double) hits / (i + 1);
            }
        }
        return sum / Math.min(k, relevant.size());
    }

    /** Share of the relevant items found in the top k. 0 when nothing is relevant. */
    public static <T> double recallAtK(List<T> ranked, Set<T> relevant, int k) {
        checkK(k);
        if (relevant.isEmpty()) {
            return 0;
        }
        int hits = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            hits += relevant.contains(ranked.get(i)) ? 1 : 0;
        }
        return (double) hits / relevant.size();
    }

    /** Mean of {@link #averagePrecisionAtK} over queries (MAP@k). */
    public static double mean(Collection<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /**
     * Area under the ROC curve: the probability that a random positive scores above a random negative, ties counting
     * half (the Mann–Whitney statistic, computed by sorting, O(n log n)).
     *
     * @throws IllegalArgumentException when lengths differ, a label is not 0/1, a score is NaN, or a class is missing
     */
    public static double auc(double[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("scores has " + scores.length + " values but labels " + labels.length);
        }
        int n = scores.length;
        long positives = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("label " + i + " must be 0 or 1, was " + labels[i]);
            }
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
            positives += labels[i];
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("AUC needs both classes, got " + positives + " positive and "
                    + negatives + " negative");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        // sum of the (mid-)ranks of the positives
        double rankSum = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                if (labels[order[t]] == 1) {
                    rankSum += midRank;
                }
            }
            i = j + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static void checkK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
    }
}

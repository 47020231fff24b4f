package org.marketlink.matching.retrieval;

import java.util.Arrays;

/**
 * Spreads recommendations so that a popular buyer is not recommended to every group. Each buyer has a capacity (how
 * many groups it can usefully be shown to); each group should get up to {@code perShg} buyers. Candidate pairs (for
 * example each group's top 3k from {@link MatchRetriever#topBuyersForAll}) are taken best score first, and a pair is
 * kept when its group still has room and its buyer still has capacity.
 *
 * <p>The result is maximal: a group left with fewer than {@code perShg} buyers only misses candidates whose buyers are
 * full, and a group always gets its best candidate among buyers that are not full. (Taking the best pair first is the
 * classic greedy for weighted b-matching: at least half the best total score, usually far closer.) Pure function.
 */
public final class CapacityAwareAssignment {
    private CapacityAwareAssignment() {
    }

    /**
     * The assignment.
     *
     * @param buyers for each group, the buyer indices assigned to it, best first
     * @param scores their scores
     * @param load   how many groups each buyer was assigned to
     */
    public record Assignment(int[][] buyers, double[][] scores, int[] load) {
    }

    /**
     * @param candidates     each group's candidate buyers (ids are buyer indices)
     * @param buyerCapacity  capacity per buyer index, ≥ 0
     * @param perShg         buyers wanted per group, ≥ 1
     * @throws IllegalArgumentException when a capacity is negative or a candidate buyer has no capacity entry
     */
    public static Assignment assign(TopKTable candidates, int[] buyerCapacity, int perShg) {
        if (perShg < 1) {
            throw new IllegalArgumentException("perShg must be at least 1, was " + perShg);
        }
        for (int b = 0; b < buyerCapacity.length; b++) {
            if (buyerCapacity[b] < 0) {
                throw new IllegalArgumentException("capacity of buyer " + b + " must not be negative, was "
                        + buyerCapacity[b]);
            }
        }
        int shgs = candidates.queries();
        int total = 0;
        for (int s = 0; s < shgs; s++) {
            total += candidates.count(s);
        }
        // candidate c is (group c / k, rank c % k); order them best score first, ties by group then rank
        int k = candidates.k();
        Integer[] order = new Integer[total];
        int n = 0;
        for (int s = 0; s < shgs; s++) {
            for (int r = 0; r < candidates.count(s); r++) {
                int buyer = candidates.id(s, r);
                if (buyer >= buyerCapacity.length) {
                    throw new IllegalArgumentException("candidate buyer " + buyer + " has no capacity entry ("
                            + buyerCapacity.length + " given)");
                }
                order[n++] = s * k + r;
            }
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(candidates.score(b / k, b % k), candidates.score(a / k, a % k));
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] load = new int[buyerCapacity.length];
        int[] taken = new int[shgs];
        int[][] buyers = new int[shgs][perShg];
        double[][] scores = new double[shgs][perShg];
        for (int c : order) {
            int s = c / k;
            int buyer = candidates.id(s, c % k);
            if (taken[s] < perShg && load[buyer] < buyerCapacity[buyer]) {
                buyers[s][taken[s]] = buyer;
                scores[s][taken[s]++] = candidates.score(s, c % k);
                load[buyer]++;
            }
        }
        for (int s = 0; s < shgs; s++) {
            buyers[s] = Arrays.copyOf(buyers[s], taken[s]);
            scores[s] = Arrays.copyOf(scores[s], taken[s]);
        }
        return new Assignment(buyers, scores, load);
    }
}

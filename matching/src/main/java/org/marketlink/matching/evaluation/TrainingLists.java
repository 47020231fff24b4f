package org.marketlink.matching.evaluation;

import org.marketlink.matching.features.CollaborativeFeatures;
import org.marketlink.matching.retrieval.TopK;
import org.marketlink.matching.scoring.LinearRanker;

import java.util.Arrays;
import java.util.Random;

/**
 * Training lists that look like ranking time. A two-stage ranker orders only what its first stage retrieves, so each
 * item's training list is the {@code depth} candidates the first stage ({@link #firstStage}) puts highest, plus
 * {@code random} others drawn uniformly from the rest of the active buyers, each labelled by whether it bought the
 * item after the cut. Relevant buyers the first stage misses are left out, as they are at ranking time. Uniform
 * negatives alone are mostly inactive buyers, which teaches "active or not" instead of the order among the active;
 * and hard negatives picked by a feature next to every positive teach the model that the feature does not matter.
 *
 * <p>Stateless; the draws depend only on the seed.
 */
public final class TrainingLists {
    private TrainingLists() {
    }

    /**
     * The first stage's score of a feature row: {@code repeat + item_knn}, the buyers who bought the item or what its
     * buyers buy, with ties broken by {@code activity}. The tie-break matters for an item few buyers reach (a new one,
     * or one with no neighbours): its list is filled with the most active buyers rather than with the lowest buyer
     * indices, which are arbitrary. Its weight, {@code 1e-6}, is far below any difference in the first two columns
     * that a purchase makes.
     */
    public static double firstStage(double[] row, int at) {
        return row[at] + row[at + 1] + 1e-6 * row[at + 2];
    }

    /** Unmarks one item's relevant buyers and listed candidates, so the marks are all false for the next item. */
    private static void clear(int[] outcome, int[] candidates, boolean[] relevant, int[] listed, int listSize,
                              boolean[] taken) {
        for (int b : outcome) {
            int c = Arrays.binarySearch(candidates, b);
            if (c >= 0) {
                relevant[c] = false;
            }
        }
        for (int i = 0; i < listSize; i++) {
            taken[listed[i]] = false;
        }
    }

    /**
     * Builds grouped examples.
     *
     * @param features   the features at the training cut
     * @param outcomes   for each item, the buyers that bought it after the cut (sorted)
     * @param candidates the active buyers at the cut, sorted
     * @param depth      how many of the first stage's best candidates each list holds, ≥ 0
     * @param random     uniform extra candidates per list, ≥ 0
     * @param seed       the seed of the uniform draws
     */
    public static LinearRanker.Examples build(CollaborativeFeatures features, int[][] outcomes, int[] candidates,
                                              int depth, int random, long seed) {
        if (depth < 0 || random < 0) {
            throw new IllegalArgumentException("depth and random must be ≥ 0, were " + depth + ", " + random);
        }
        int width = features.width();
        int n = candidates.length;
        double[] rows = new double[n * width];
        boolean[] taken = new boolean[n];
        int[] listed = new int[n];
        CollaborativeFeatures.Query query = features.newQuery();
        Random draws = new Random(seed);
        TopK top = new TopK(Math.max(1, depth));
        int[] ids = new int[Math.max(1, depth)];
        double[] best = new double[ids.length];
        double[] x = new double[1024];
        boolean[] labels = new boolean[128];
        int[] groupStart = new int[outcomes.length + 1];
        int groups = 0;
        int size = 0;
        boolean[] relevant = new boolean[n];
        for (int item = 0; item < outcomes.length; item++) {
            int listSize = 0;
            int positives = 0;
            for (int b : outcomes[item]) {
                int c = Arrays.binarySearch(candidates, b);
                if (c >= 0) {
                    relevant[c] = true;
                }
            }
            query.fill(item, candidates, rows);
            if (depth > 0) {
                top.clear();
                for (int c = 0; c < n; c++) {
                    top.offer(c, firstStage(rows, c * width));
                }
                int h = top.drainBestFirst(ids, best, 0);
                for (int i = 0; i < h; i++) {
                    taken[ids[i]] = true;
                    listed[listSize++] = ids[i];
                }
            }
            for (int i = 0, want = Math.min(random, n - listSize); i < want; ) {
                int c = draws.nextInt(n);
                if (!taken[c]) {
                    taken[c] = true;
                    listed[listSize++] = c;
                    i++;
                }
            }
            for (int i = 0; i < listSize; i++) {
                positives += relevant[listed[i]] ? 1 : 0;
            }
            if (positives == 0 || positives == listSize) {
                clear(outcomes[item], candidates, relevant, listed, listSize, taken);
                continue; // a list with nothing to order teaches nothing
            }
            while ((long) (size + listSize) * width > x.length) {
                x = Arrays.copyOf(x, x.length * 2);
            }
            while (size + listSize > labels.length) {
                labels = Arrays.copyOf(labels, labels.length * 2);
            }
            for (int i = 0; i < listSize; i++) {
                int c = listed[i];
                System.arraycopy(rows, c * width, x, (size + i) * width, width);
                labels[size + i] = relevant[c];
            }
            clear(outcomes[item], candidates, relevant, listed, listSize, taken);
            size += listSize;
            groupStart[++groups] = size;
        }
        return new LinearRanker.Examples(width, Arrays.copyOf(x, size * width), Arrays.copyOf(labels, size),
                Arrays.copyOf(groupStart, groups + 1));
    }
}

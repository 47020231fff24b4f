package org.marketlink.matching.retrieval;

/**
 * The k best (index, score) pairs seen so far, in a primitive min-heap: no boxing and no allocation per offer. Higher
 * scores are better; among equal scores the lower index is better, so results are deterministic. Not thread-safe:
 * one per thread.
 */
public final class TopK {
    private final int k;
    private final int[] ids;
    private final double[] scores;
    private int size;

    /** An empty heap that keeps the best {@code k} pairs; {@code k} is at least 1. */
    public TopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        this.k = k;
        this.ids = new int[k];
        this.scores = new double[k];
    }

    /** Forgets everything offered so far. */
    public void clear() {
        size = 0;
    }

    /** The number of pairs kept, at most {@code k}. */
    public int size() {
        return size;
    }

    /** The score a new pair must beat to enter (negative infinity until k pairs were offered). */
    public double threshold() {
        return size < k ? Double.NEGATIVE_INFINITY : scores[0];
    }

    /** Offers a pair; keeps it if it is among the k best so far. */
    public void offer(int id, double score) {
        if (size < k) {
            int i = size++;
            ids[i] = id;
            scores[i] = score;
            siftUp(i);
        } else if (better(id, score, ids[0], scores[0])) {
            ids[0] = id;
            scores[0] = score;
            siftDown(0);
        }
    }

    /**
     * Empties the heap into {@code outIds}/{@code outScores} from {@code at}, best first.
     *
     * @return how many pairs were written
     */
    public int drainBestFirst(int[] outIds, double[] outScores, int at) {
        int n = size;
        for (int i = n - 1; i >= 0; i--) {
            outIds[at + i] = ids[0];
            outScores[at + i] = scores[0];
            size--;
            if (size > 0) {
                ids[0] = ids[size];
                scores[0] = scores[size];
                siftDown(0);
            }
        }
        return n;
    }

    // a is better than b: higher score, or equal score and lower id
    private static boolean better(int aId, double aScore, int bId, double bScore) {
        return aScore > bScore || aScore == bScore && aId < bId;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!better(ids[parent], scores[parent], ids[i], scores[i])) {
                break;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int worst = left;
            int right = left + 1;
            if (right < size && better(ids[worst], scores[worst], ids[right], scores[right])) {
                worst = right;
            }
            if (!better(ids[i], scores[i], ids[worst], scores[worst])) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int a, int b) {
        int id = ids[a];
        ids[a] = ids[b];
        ids[b] = id;
        double s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
    }
}

package org.marketlink.matching.evaluation;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Draws negatives for training and evaluation: for each positive (user, item) pair, {@code ratio} items the user has
 * no known positive with, uniformly from the catalogue, repeatable by seed. A known positive is never drawn. Not
 * thread-safe (it holds a random generator); use one per thread.
 */
public final class NegativeSampler {
    private final int items;
    private final int ratio;
    private final Random random;

    /**
     * @param items number of items in the catalogue, identified {@code 0 .. items - 1}
     * @param ratio negatives per positive, ≥ 1
     * @param seed  seed for repeatable draws
     */
    public NegativeSampler(int items, int ratio, long seed) {
        if (items < 1 || ratio < 1) {
            throw new IllegalArgumentException("items and ratio must be at least 1, were " + items + ", " + ratio);
        }
        this.items = items;
        this.ratio = ratio;
        this.random = new Random(seed);
    }

    /**
     * Negatives for one user, {@code ratio} per positive, without repeats, none in {@code positives}. Fewer when the
     * catalogue does not hold that many items outside the positives.
     */
    public int[] sample(Set<Integer> positives) {
        int available = items - (int) positives.stream().filter(i -> i >= 0 && i < items).count();
        int wanted = (int) Math.min((long) ratio * positives.size(), available);
        int[] out = new int[wanted];
        Set<Integer> taken = new HashSet<>();
        int n = 0;
        if (wanted > available / 2) {
            // dense: walk a shuffled catalogue instead of rejecting most draws
            int[] all = new int[items];
            for (int i = 0; i < items; i++) {
                all[i] = i;
            }
            for (int i = items - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = all[i];
                all[i] = all[j];
                all[j] = t;
            }
            for (int i = items - 1; i >= 0 && n < wanted; i--) {
                if (!positives.contains(all[i])) {
                    out[n++] = all[i];
                }
            }
            return out;
        }
        while (n < wanted) {
            int candidate = random.nextInt(items);
            if (!positives.contains(candidate) && taken.add(candidate)) {
                out[n++] = candidate;
            }
        }
        return out;
    }
}

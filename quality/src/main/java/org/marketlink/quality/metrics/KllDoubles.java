package org.marketlink.quality.metrics;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A KLL quantile sketch of doubles (Karnin, Lang and Liberty, "Optimal Quantile Approximation in Streams", 2016)
 * whose compactions toss a coin from a seeded generator: the same values in the same order, split into the same
 * parts and merged in the same order, give the same sketch and the same quantiles on every run and machine. Apache
 * DataSketches' KLL, which this replaces for rules, tosses its coins from one unseeded generator shared by every
 * sketch in the JVM, so its estimates differ from run to run.
 *
 * <p>Items live in levels; an item at level {@code h} stands for {@code 2^h} values. Level {@code h} of {@code H}
 * holds about {@code k·(2/3)^(H-1-h)} items (at least 8) before it is compacted: sorted, one item of an odd count
 * left behind, and every other item from a random start moved up a level with twice the weight. With {@code k}
 * 400 (the rules' default) the rank of an estimated quantile is within about 0.7% of the asked rank with 99%
 * confidence, in about {@code 3k} retained doubles whatever the number of values. The least and greatest values are
 * kept exactly. Not thread-safe; {@link #merge} combines sketches of disjoint parts.
 */
public final class KllDoubles implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int MIN_CAPACITY = 8;
    private static final double SHRINK = 2.0 / 3.0;

    private final int k;
    private long coin;
    private double[][] levels = {new double[MIN_CAPACITY]};
    private int[] sizes = new int[1];
    private int retained;
    private int capacity;
    private long n;
    private double min = Double.NaN;
    private double max = Double.NaN;

    /**
     * An empty sketch.
     *
     * @param k    the accuracy, at least 8: the rank error shrinks about as {@code 1/k}
     * @param seed the seed of the compactions' coin
     */
    public KllDoubles(int k, long seed) {
        if (k < MIN_CAPACITY) {
            throw new IllegalArgumentException("k must be at least " + MIN_CAPACITY + ", not " + k);
        }
        this.k = k;
        this.coin = seed;
        this.capacity = levelCapacity(0);
    }

    /** How many values the sketch has seen. */
    public long count() {
        return n;
    }

    /** Whether the sketch has seen no value. */
    public boolean isEmpty() {
        return n == 0;
    }

    /** How many items the sketch holds now. */
    public int retained() {
        return retained;
    }

    /**
     * Adds a value. NaN is not a value to rank: it is refused.
     *
     * @throws IllegalArgumentException on NaN
     */
    public void update(double v) {
        if (v != v) {
            throw new IllegalArgumentException("a KLL sketch ranks numbers; NaN is not one");
        }
        if (retained >= capacity) {
            compress();
        }
        if (n == 0) {
            min = v;
            max = v;
        } else if (v < min) {
            min = v;
        } else if (v > max) {
            max = v;
        }
        double[] level0 = levels[0];
        int s = sizes[0];
        if (s == level0.length) {
            level0 = Arrays.copyOf(level0, s * 2);
            levels[0] = level0;
        }
        level0[s] = v;
        sizes[0] = s + 1;
        retained++;
        n++;
    }

    /**
     * Adds what {@code other} has seen, as if its values had been added here. {@code other} is not changed.
     *
     * @throws IllegalArgumentException when the two sketches have different {@code k}
     */
    public void merge(KllDoubles other) {
        if (other.k != k) {
            throw new IllegalArgumentException("cannot merge a KLL sketch of k " + other.k + " into one of k " + k);
        }
        if (other.n == 0) {
            return;
        }
        while (levels.length < other.levels.length) {
            addLevel();
        }
        for (int h = 0; h < other.levels.length; h++) {
            int add = other.sizes[h];
            if (add == 0) {
                continue;
            }
            if (h == 0) {
                ensure(0, sizes[0] + add);
                System.arraycopy(other.levels[0], 0, levels[0], sizes[0], add);
                sizes[0] += add;
            } else {
                levels[h] = mergeSorted(levels[h], sizes[h], other.levels[h], add);
                sizes[h] += add;
            }
            retained += add;
        }
        min = n == 0 ? other.min : Math.min(min, other.min);
        max = n == 0 ? other.max : Math.max(max, other.max);
        n += other.n;
        while (retained >= capacity) {
            compress();
        }
    }

    /**
     * The estimated {@code q} quantile: the least retained value whose rank (the weight of the values at or below
     * it) reaches {@code ceil(q·n)}; the least value for 0, the greatest for 1.
     *
     * @param q in 0..1
     * @return the estimate, or NaN when the sketch is empty
     */
    public double quantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("q must be in 0..1, was " + q);
        }
        if (n == 0) {
            return Double.NaN;
        }
        if (q == 0) {
            return min;
        }
        if (q == 1) {
            return max;
        }
        double[] items = new double[retained];
        long[] weights = new long[retained];
        sortedView(items, weights);
        long wanted = Math.max(1, (long) Math.ceil(q * n));
        long cumulative = 0;
        for (int i = 0; i < items.length; i++) {
            cumulative += weights[i];
            if (cumulative >= wanted) {
                return items[i];
            }
        }
        return max;
    }

    /** Every retained item sorted, each with its weight. */
    private void sortedView(double[] items, long[] weights) {
        // sort (item, level) pairs by item: items of a level are already sorted past level 0
        int at = 0;
        for (int h = 0; h < levels.length; h++) {
            for (int i = 0; i < sizes[h]; i++) {
                items[at] = levels[h][i];
                weights[at] = 1L << h;
                at++;
            }
        }
        sortTogether(items, weights, 0, at);
    }

    /** Sorts items ascending and moves their weights with them (a plain merge sort on primitive arrays). */
    private static void sortTogether(double[] items, long[] weights, int from, int to) {
        int len = to - from;
        if (len < 2) {
            return;
        }
        double[] itemBuf = new double[len];
        long[] weightBuf = new long[len];
        for (int width = 1; width < len; width *= 2) {
            for (int lo = from; lo < to; lo += 2 * width) {
                int mid = Math.min(lo + width, to);
                int hi = Math.min(lo + 2 * width, to);
                int i = lo;
                int j = mid;
                int o = 0;
                while (i < mid && j < hi) {
                    if (items[j] < items[i]) {
                        itemBuf[o] = items[j];
                        weightBuf[o++] = weights[j++];
                    } else {
                        itemBuf[o] = items[i];
                        weightBuf[o++] = weights[i++];
                    }
                }
                while (i < mid) {
                    itemBuf[o] = items[i];
                    weightBuf[o++] = weights[i++];
                }
                while (j < hi) {
                    itemBuf[o] = items[j];
                    weightBuf[o++] = weights[j++];
                }
                System.arraycopy(itemBuf, 0, items, lo, o);
                System.arraycopy(weightBuf, 0, weights, lo, o);
            }
        }
    }

    /** The most items level {@code h} holds before it is compacted, with the sketch's current height. */
    private int levelCapacity(int h) {
        int depth = levels.length - 1 - h;
        return Math.max(MIN_CAPACITY, (int) Math.ceil(k * Math.pow(SHRINK, depth)));
    }

    private void addLevel() {
        int height = levels.length;
        levels = Arrays.copyOf(levels, height + 1);
        levels[height] = new double[MIN_CAPACITY];
        sizes = Arrays.copyOf(sizes, height + 1);
        int total = 0;
        for (int h = 0; h <= height; h++) {
            total += levelCapacity(h);
        }
        capacity = total;
    }

    /** Compacts the lowest level that is full, adding a level on top when it is the highest. */
    private void compress() {
        int h = 0;
        while (sizes[h] < levelCapacity(h)) {
            h++;
        }
        if (h == levels.length - 1) {
            addLevel();
        }
        double[] level = levels[h];
        int size = sizes[h];
        if (h == 0) {
            Arrays.sort(level, 0, size);
        }
        // an odd item stays behind (the least, kept at index 0); the others halve into the level above
        int start = size & 1;
        int offset = start + (nextCoin() ? 1 : 0);
        int promoted = (size - start) / 2;
        double[] up = new double[promoted];
        for (int i = 0; i < promoted; i++) {
            up[i] = level[offset + 2 * i];
        }
        levels[h + 1] = mergeSorted(levels[h + 1], sizes[h + 1], up, promoted);
        sizes[h + 1] += promoted;
        sizes[h] = start;
        retained -= size - start - promoted;
    }

    /** SplitMix64's next bit: a fast, well-mixed, seedable coin. */
    private boolean nextCoin() {
        long z = coin += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return ((z ^ (z >>> 31)) & 1L) != 0;
    }

    private void ensure(int h, int size) {
        if (levels[h].length < size) {
            levels[h] = Arrays.copyOf(levels[h], Math.max(size, levels[h].length * 2));
        }
    }

    /** The first {@code na} items of {@code a} and {@code nb} of {@code b}, both sorted, merged into a new array. */
    private static double[] mergeSorted(double[] a, int na, double[] b, int nb) {
        double[] out = new double[Math.max(MIN_CAPACITY, na + nb)];
        int i = 0;
        int j = 0;
        int o = 0;
        while (i < na && j < nb) {
            out[o++] = b[j] < a[i] ? b[j++] : a[i++];
        }
        while (i < na) {
            out[o++] = a[i++];
        }
        while (j < nb) {
            out[o++] = b[j++];
        }
        return out;
    }
}

package org.marketlink.matching.features;

import org.marketlink.core.HostThreads;
import org.marketlink.matching.retrieval.TopK;

import java.util.concurrent.Executor;
import java.util.function.IntConsumer;

/**
 * Item–item similarity from co-occurrence: two items are alike when the same buyers bought both. For items {@code i}
 * and {@code j} with buyer sets {@code B(i)} and {@code B(j)} in a window and {@code c = |B(i) ∩ B(j)|}:
 * <ul>
 *   <li>{@link Measure#COSINE}: {@code c / sqrt(|B(i)| |B(j)|)}</li>
 *   <li>{@link Measure#JACCARD}: {@code c / (|B(i)| + |B(j)| - c)}</li>
 * </ul>
 * each multiplied by the shrinkage factor {@code c / (c + shrinkage)}, which pulls pairs seen together by only one or
 * two buyers towards zero (a single shared buyer makes two rare items look identical otherwise).
 *
 * <p>Only each item's {@code neighbours} most similar other items are kept (ties: the lower index first), so memory
 * is {@code items × neighbours} whatever the catalogue. Building costs {@code Σ over buyers of (items bought)²}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ItemSimilarity {
    /** How co-occurrence counts become a similarity. */
    public enum Measure {
        /** Shared buyers over the geometric mean of the two buyer counts. */
        COSINE,
        /** Shared buyers over the buyers of either item. */
        JACCARD
    }

    /**
     * How similarities are computed and how many are kept.
     *
     * @param measure    cosine or Jaccard
     * @param neighbours the most similar items kept per item, ≥ 1
     * @param shrinkage  {@code λ} in {@code c / (c + λ)}, ≥ 0 (0 keeps the raw measure)
     */
    public record Options(Measure measure, int neighbours, double shrinkage) {
        /** Checks every value; the message names the one out of range. */
        public Options {
            if (measure == null) {
                throw new IllegalArgumentException("measure must not be null");
            }
            if (neighbours < 1) {
                throw new IllegalArgumentException("neighbours must be at least 1, was " + neighbours);
            }
            if (!(shrinkage >= 0) || !Double.isFinite(shrinkage)) {
                throw new IllegalArgumentException("shrinkage must be a finite number ≥ 0, was " + shrinkage);
            }
        }

        /** Cosine, 50 neighbours, shrinkage 5. */
        public static Options defaults() {
            return new Options(Measure.COSINE, 50, 5);
        }

        /** The same with another number of neighbours. */
        public Options withNeighbours(int n) {
            return new Options(measure, n, shrinkage);
        }

        /** The same with another shrinkage. */
        public Options withShrinkage(double s) {
            return new Options(measure, neighbours, s);
        }

        /** The same with another measure. */
        public Options withMeasure(Measure m) {
            return new Options(m, neighbours, shrinkage);
        }
    }

    private final int items;
    private final int width;
    private final int[] count;
    private final int[] neighbour;
    private final double[] similarity;

    private ItemSimilarity(int items, int width, int[] count, int[] neighbour, double[] similarity) {
        this.items = items;
        this.width = width;
        this.count = count;
        this.neighbour = neighbour;
        this.similarity = similarity;
    }

    /** Similarities over {@code window}, on the common fork-join pool. */
    public static ItemSimilarity of(InteractionWindow window, Options options) {
        return of(window, options, null);
    }

    /** Similarities over {@code window}, on the host's {@code executor} (null: the common fork-join pool). */
    public static ItemSimilarity of(InteractionWindow window, Options options, Executor executor) {
        int items = window.items();
        int width = options.neighbours();
        int[] count = new int[items];
        int[] neighbour = new int[items * width];
        double[] similarity = new double[items * width];
        int[] itemStart = window.itemStart();
        int[] pairBuyer = window.pairBuyer();
        int[] pairItem = window.pairItem();
        int[] buyerStart = window.buyerStart();
        int[] buyerPairs = window.buyerPairs();
        int chunk = Math.max(1, items / (Runtime.getRuntime().availableProcessors() * 16));
        int blocks = (items + chunk - 1) / chunk;
        boolean cosine = options.measure() == Measure.COSINE;
        double shrinkage = options.shrinkage();
        IntConsumer block = c -> {
            int[] shared = new int[items];
            int[] touched = new int[items];
            TopK top = new TopK(width);
            int[] ids = new int[width];
            double[] scores = new double[width];
            for (int i = c * chunk, end = Math.min(items, (c + 1) * chunk); i < end; i++) {
                int n = 0;
                for (int p = itemStart[i]; p < itemStart[i + 1]; p++) {
                    int b = pairBuyer[p];
                    for (int q = buyerStart[b]; q < buyerStart[b + 1]; q++) {
                        int j = pairItem[buyerPairs[q]];
                        if (j != i && shared[j]++ == 0) {
                            touched[n++] = j;
                        }
                    }
                }
                double ni = itemStart[i + 1] - itemStart[i];
                top.clear();
                for (int t = 0; t < n; t++) {
                    int j = touched[t];
                    double co = shared[j];
                    shared[j] = 0;
                    double nj = itemStart[j + 1] - itemStart[j];
                    double s = cosine ? co / Math.sqrt(ni * nj) : co / (ni + nj - co);
                    top.offer(j, s * co / (co + shrinkage));
                }
                int kept = top.drainBestFirst(ids, scores, 0);
                count[i] = kept;
                System.arraycopy(ids, 0, neighbour, i * width, kept);
                System.arraycopy(scores, 0, similarity, i * width, kept);
            }
        };
        HostThreads.runBlocksOrCommonPool(executor, blocks, block, "computing item similarities");
        return new ItemSimilarity(items, width, count, neighbour, similarity);
    }

    /** The number of items. */
    public int items() {
        return items;
    }

    /** How many neighbours item {@code i} has (at most the options' {@code neighbours}). */
    public int neighbourCount(int i) {
        return count[i];
    }

    /** The {@code r}-th most similar item to {@code i}, {@code 0 ≤ r < neighbourCount(i)}. */
    public int neighbour(int i, int r) {
        return neighbour[i * width + r];
    }

    /** The similarity of {@code i} to its {@code r}-th neighbour. */
    public double similarity(int i, int r) {
        return similarity[i * width + r];
    }

    /** The similarity of {@code j} to {@code i}, 0 when {@code j} is not among {@code i}'s neighbours. */
    public double between(int i, int j) {
        for (int r = 0; r < count[i]; r++) {
            if (neighbour[i * width + r] == j) {
                return similarity[i * width + r];
            }
        }
        return 0;
    }
}

package org.marketlink.benchmarks.matching;

import org.marketlink.matching.features.CollaborativeFeatures;
import org.marketlink.matching.features.InteractionHistory;
import org.marketlink.matching.features.InteractionWindow;
import org.marketlink.matching.retrieval.TopK;

import java.util.Arrays;
import java.util.Random;

/**
 * Ranking 100,000 buyers for an item with the collaborative features, one thread: every buyer scored (the exact
 * ranking), against two stages (the item's collaborative reach, the buyers of the item and of its kept neighbours,
 * scored exactly, then merged with the best buyers by the item-free columns alone, which are ranked once for all
 * items). The score is a fixed linear blend of the columns. The two top-10 lists are checked equal for every item:
 * with a non-negative weight on every column the merge is exact, since a buyer outside the reach differs only in
 * columns that are 0 there.
 *
 * <p>The history is synthetic and skewed (buyer activity and item popularity follow power laws), shuffled.
 * Args: {@code [buyers] [items] [events] [queries] [rounds]} (defaults 100000 5000 2000000 500 5).
 */
public final class CollaborativeRetrievalBenchmark {
    private static final double[] WEIGHTS = {1.0, 0.8, 0.05, 0.02, 0.03};

    private CollaborativeRetrievalBenchmark() {
    }

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) {
        int buyers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int items = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int events = args.length > 2 ? Integer.parseInt(args[2]) : 2_000_000;
        int queries = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        Random random = new Random(11);
        int[] b = new int[events];
        int[] it = new int[events];
        int[] d = new int[events];
        for (int e = 0; e < events; e++) {
            b[e] = (int) (buyers * Math.pow(random.nextDouble(), 3));
            // each buyer leans to a band of items, so co-occurrence carries signal
            int band = (b[e] * 7919) % items;
            it[e] = random.nextDouble() < 0.6 ? (band + random.nextInt(50)) % items
                    : (int) (items * Math.pow(random.nextDouble(), 2));
            d[e] = random.nextInt(365);
        }
        InteractionHistory history = InteractionHistory.of(buyers, items, b, it, d);
        long t0 = System.nanoTime();
        InteractionWindow window = history.window(0, 364);
        CollaborativeFeatures features = CollaborativeFeatures.build(window, CollaborativeFeatures.Options.defaults());
        System.out.printf("%,d buyers, %,d items, %,d events; features built in %.2f s%n", buyers, items, events,
                (System.nanoTime() - t0) / 1e9);
        int[] all = new int[buyers];
        for (int i = 0; i < buyers; i++) {
            all[i] = i;
        }
        int width = features.width();
        CollaborativeFeatures.Query query = features.newQuery();
        double[] rows = new double[buyers * width];
        // the item-free columns, ranked once: the fallback list of the two-stage ranker
        query.fill(0, all, rows);
        double[] itemFree = new double[buyers];
        for (int i = 0; i < buyers; i++) {
            itemFree[i] = itemFreeScore(rows, i * width);
        }
        Integer[] order = new Integer[buyers];
        for (int i = 0; i < buyers; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> x.equals(y) ? 0 : itemFree[y] != itemFree[x]
                ? Double.compare(itemFree[y], itemFree[x]) : Integer.compare(x, y));
        int[] fallback = new int[buyers];
        for (int i = 0; i < buyers; i++) {
            fallback[i] = order[i];
        }
        int[] qs = new int[queries];
        for (int q = 0; q < queries; q++) {
            qs[q] = random.nextInt(items);
        }
        double bestExact = Double.MAX_VALUE;
        double bestTwo = Double.MAX_VALUE;
        long reached = 0;
        for (int r = 0; r < rounds; r++) {
            System.gc();
            long s = System.nanoTime();
            int[][] exact = new int[queries][];
            for (int q = 0; q < queries; q++) {
                query.fill(qs[q], all, rows);
                TopK top = new TopK(10);
                for (int i = 0; i < buyers; i++) {
                    top.offer(i, score(rows, i * width));
                }
                exact[q] = drain(top);
            }
            bestExact = Math.min(bestExact, (System.nanoTime() - s) / 1e9);
            System.gc();
            s = System.nanoTime();
            reached = 0;
            int[][] two = new int[queries][];
            for (int q = 0; q < queries; q++) {
                int[] reach = query.reach(qs[q]);
                reached += reach.length;
                query.fill(qs[q], reach, rows);
                TopK top = new TopK(10);
                for (int i = 0; i < reach.length; i++) {
                    top.offer(reach[i], score(rows, i * width));
                }
                // the best buyers outside the reach, by the item-free columns: the first ten not reached
                for (int i = 0, taken = 0; i < buyers && taken < 10; i++) {
                    int buyer = fallback[i];
                    if (Arrays.binarySearch(reach, buyer) < 0) {
                        top.offer(buyer, itemFree[buyer]);
                        taken++;
                    }
                }
                two[q] = drain(top);
            }
            bestTwo = Math.min(bestTwo, (System.nanoTime() - s) / 1e9);
            for (int q = 0; q < queries; q++) {
                if (!Arrays.equals(exact[q], two[q])) {
                    throw new IllegalStateException("item " + qs[q] + ": two stages " + Arrays.toString(two[q])
                            + ", exact " + Arrays.toString(exact[q]));
                }
            }
        }
        double pairs = (double) queries * buyers;
        System.out.printf("exact, every buyer scored: best %.3f s, %,.0f pairs/s%n", bestExact, pairs / bestExact);
        System.out.printf("two stages (reach %,.0f buyers per item on average): best %.3f s, %,.0f ranked pairs/s, "
                + "%.1fx faster; top-10 lists equal for all %d items%n", (double) reached / queries, bestTwo,
                pairs / bestTwo, bestExact / bestTwo, queries);
    }

    private static double score(double[] row, int at) {
        double s = 0;
        for (int f = 0; f < WEIGHTS.length; f++) {
            s += WEIGHTS[f] * row[at + f];
        }
        return s;
    }

    /** The score a buyer gets with repeat and item_knn at 0. */
    private static double itemFreeScore(double[] row, int at) {
        double s = 0;
        for (int f = 2; f < WEIGHTS.length; f++) {
            s += WEIGHTS[f] * row[at + f];
        }
        return s;
    }

    private static int[] drain(TopK top) {
        int[] ids = new int[10];
        int n = top.drainBestFirst(ids, new double[10], 0);
        return Arrays.copyOf(ids, n);
    }
}

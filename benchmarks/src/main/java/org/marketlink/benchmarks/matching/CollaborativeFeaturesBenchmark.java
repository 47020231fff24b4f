package org.marketlink.benchmarks.matching;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.marketlink.matching.features.CollaborativeFeatures;
import org.marketlink.matching.features.ImplicitFactors;
import org.marketlink.matching.features.InteractionHistory;
import org.marketlink.matching.features.InteractionWindow;
import org.marketlink.matching.features.ItemSimilarity;
import org.marketlink.testing.OnlineRetailPurchases;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Building the collaborative features on the whole Online Retail history in the shared data (December 2010 to
 * September 2011): the window, the item similarities (cosine, 50 neighbours, shrinkage 5), the implicit factors (32,
 * 12 sweeps) and the per-buyer features, with the peak heap of the build. The similarity step is also run against
 * DuckDB in the same process, as the SQL a user would write (a self-join on buyer, counts, cosine with the same
 * shrinkage, the top 50 per item by a window function), rounds interleaved; the sum of every item's kept similarities
 * is checked equal (a sum, because ties at the 50th place may keep different items with the same similarity).
 *
 * <p>Events are shuffled before the build, as a host's log would arrive. Args: {@code [rounds]} (default 5).
 */
public final class CollaborativeFeaturesBenchmark {
    private CollaborativeFeaturesBenchmark() {
    }

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        InteractionHistory history = read();
        LocalDate first = LocalDate.of(2010, 12, 1);
        int from = (int) first.toEpochDay();
        int to = (int) LocalDate.of(2011, 9, 30).toEpochDay();
        ItemSimilarity.Options similarity = ItemSimilarity.Options.defaults();
        CollaborativeFeatures.Options options = CollaborativeFeatures.Options.defaults()
                .withFactors(ImplicitFactors.Options.defaults());
        System.out.printf("Online Retail: %,d events, %,d buyers, %,d items%n", history.events(), history.buyers(),
                history.items());
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            load((DuckDBConnection) connection, history.window(from, to));
            List<Double> ours = new ArrayList<>();
            List<Double> duck = new ArrayList<>();
            List<Double> full = new ArrayList<>();
            long peak = 0;
            for (int r = 0; r < rounds; r++) {
                System.gc();
                resetPeaks();
                long t0 = System.nanoTime();
                InteractionWindow window = history.window(from, to);
                CollaborativeFeatures features = CollaborativeFeatures.build(window, options);
                full.add((System.nanoTime() - t0) / 1e9);
                peak = Math.max(peak, peakHeap());
                System.gc();
                t0 = System.nanoTime();
                ItemSimilarity s = ItemSimilarity.of(window, similarity);
                ours.add((System.nanoTime() - t0) / 1e9);
                System.gc();
                t0 = System.nanoTime();
                double[] sums = duckDbTopSums(connection, history.items());
                duck.add((System.nanoTime() - t0) / 1e9);
                check(s, sums, features);
            }
            Collections.sort(ours);
            Collections.sort(duck);
            Collections.sort(full);
            System.out.printf("full build (window + similarity + factors + features): best %.2f s, median %.2f s, "
                    + "peak heap %.0f MiB%n", full.get(0), full.get(rounds / 2), peak / 1048576.0);
            System.out.printf("item similarity: MarketLink best %.3f s, DuckDB best %.3f s: %.2fx (median %.2fx)%n",
                    ours.get(0), duck.get(0), duck.get(0) / ours.get(0), duck.get(rounds / 2) / ours.get(rounds / 2));
        }
    }

    private static void check(ItemSimilarity s, double[] sums, CollaborativeFeatures features) {
        for (int i = 0; i < s.items(); i++) {
            double ours = 0;
            for (int r = 0; r < s.neighbourCount(i); r++) {
                ours += s.similarity(i, r);
            }
            if (Math.abs(ours - sums[i]) > 1e-9 * Math.max(1, ours)) {
                throw new IllegalStateException("item " + i + ": kept similarities sum to " + ours
                        + ", DuckDB's to " + sums[i]);
            }
            if (features.similarity().neighbourCount(i) != s.neighbourCount(i)) {
                throw new IllegalStateException("item " + i + ": the two builds kept different neighbour counts");
            }
        }
    }

    private static void load(DuckDBConnection connection, InteractionWindow window) throws Exception {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE pairs (buyer INTEGER, item INTEGER)");
        }
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "pairs")) {
            for (int j = 0; j < window.items(); j++) {
                for (int b : window.buyersOf(j)) {
                    appender.beginRow();
                    appender.append(b);
                    appender.append(j);
                    appender.endRow();
                }
            }
        }
    }

    private static double[] duckDbTopSums(Connection connection, int items) throws Exception {
        String sql = """
                WITH n AS (SELECT item, count(*) AS n FROM pairs GROUP BY item),
                co AS (SELECT a.item AS i, b.item AS j, count(*) AS c
                       FROM pairs a JOIN pairs b ON a.buyer = b.buyer AND a.item <> b.item GROUP BY 1, 2),
                s AS (SELECT co.i, co.j, co.c / sqrt(ni.n::DOUBLE * nj.n) * co.c / (co.c + 5.0) AS sim
                      FROM co JOIN n ni ON ni.item = co.i JOIN n nj ON nj.item = co.j),
                top AS (SELECT i, sim FROM s QUALIFY row_number() OVER (PARTITION BY i ORDER BY sim DESC, j) <= 50)
                SELECT i, sum(sim) FROM top GROUP BY i""";
        double[] out = new double[items];
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out[rs.getInt(1)] = rs.getDouble(2);
            }
        }
        return out;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** The purchase lines of {@link OnlineRetailPurchases}, shuffled. */
    private static InteractionHistory read() throws Exception {
        List<OnlineRetailPurchases.Purchase> purchases = OnlineRetailPurchases.read();
        Map<String, Integer> items = new HashMap<>();
        Map<String, Integer> buyers = new HashMap<>();
        int n = purchases.size();
        int[] buyer = new int[n];
        int[] item = new int[n];
        int[] day = new int[n];
        for (int e = 0; e < n; e++) {
            OnlineRetailPurchases.Purchase p = purchases.get(e);
            buyer[e] = buyers.computeIfAbsent(p.customer(), k -> buyers.size());
            item[e] = items.computeIfAbsent(p.stockCode(), k -> items.size());
            day[e] = (int) p.day().toEpochDay();
        }
        Random random = new Random(7);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = buyer[i];
            buyer[i] = buyer[j];
            buyer[j] = t;
            t = item[i];
            item[i] = item[j];
            item[j] = t;
            t = day[i];
            day[i] = day[j];
            day[j] = t;
        }
        return InteractionHistory.of(buyers.size(), items.size(), buyer, item, day);
    }
}

package org.marketlink.benchmarks.features;

import org.duckdb.DuckDBConnection;
import org.marketlink.core.features.window.TimeWindowFeatures;
import org.marketlink.core.features.window.WindowOptions;
import org.marketlink.core.features.window.WindowResult;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

/**
 * 7-day rolling mean and standard deviation plus the percentage change against the previous event, per product, over
 * market-data events, against DuckDB's window functions ({@code RANGE BETWEEN INTERVAL 7 DAYS PRECEDING AND CURRENT
 * ROW} and {@code lag}) over the same events in an in-memory table. Same process, same thread count; both sides
 * reduce their output to three sums, checked equal (to 1e-9 relative) every round; the rounds of the two sides are
 * interleaved, garbage collected before each. MarketLink is timed twice a round: with the results in the events'
 * order ({@code compute}) and in the order they are computed ({@code computeGrouped}), which is the order DuckDB's
 * window operator leaves its rows in before the sum. By default the events arrive in random order (a late, merged feed),
 * so neither side can skip its sort; {@code ordered} gives them in time order.
 *
 * <p>Arguments: events (10,000,000), products (10,000), rounds (5), {@code shuffled} or {@code ordered}.
 */
public final class WindowFeaturesBenchmark {
    private WindowFeaturesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int products = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        boolean shuffled = args.length <= 3 || !args[3].equals("ordered");
        int cores = Runtime.getRuntime().availableProcessors();
        // events arrive in time order across products, as a market feed does: about one per product per 3 hours
        Random r = new Random(1);
        int[] key = new int[n];
        long[] time = new long[n];
        double[] value = new double[n];
        double[] level = new double[products];
        for (int p = 0; p < products; p++) {
            level[p] = 20 + r.nextDouble() * 200;
        }
        long start = Instant.parse("2023-01-01T00:00:00Z").toEpochMilli();
        long step = 3L * 3_600_000L / products;
        for (int i = 0; i < n; i++) {
            int p = r.nextInt(products);
            key[i] = p;
            time[i] = start + i * step / 1000 * 1000; // whole seconds, so TIMESTAMP holds them exactly
            level[p] = Math.max(1, level[p] * (1 + r.nextGaussian() * 0.02));
            value[i] = Math.round(level[p] * 100) / 100.0;
        }
        if (shuffled) {
            Random shuffle = new Random(2);
            for (int i = n - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int k = key[i];
                key[i] = key[j];
                key[j] = k;
                long t = time[i];
                time[i] = time[j];
                time[j] = t;
                double v = value[i];
                value[i] = value[j];
                value[j] = v;
            }
        }
        System.out.printf("%,d events (%s), %,d products, %d cores%n", n, shuffled ? "random order" : "time order",
                products, cores);
        TimeWindowFeatures features = new TimeWindowFeatures(WindowOptions.of(Duration.ofDays(7)));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET threads = " + cores);
            st.execute("CREATE TABLE ev (k INTEGER, t TIMESTAMP, v DOUBLE)");
            try (var app = ((DuckDBConnection) c).createAppender("main", "ev")) {
                for (int i = 0; i < n; i++) {
                    app.beginRow();
                    app.append(key[i]);
                    app.appendEpochMicros(time[i] * 1000);
                    app.append(value[i]);
                    app.endRow();
                }
            }
            String sql = "SELECT sum(m), sum(s), sum(pc) FROM (SELECT avg(v) OVER w AS m, stddev_samp(v) OVER w AS s, "
                    + "(v - lag(v) OVER o) / lag(v) OVER o AS pc FROM ev WINDOW w AS (PARTITION BY k ORDER BY t "
                    + "RANGE BETWEEN INTERVAL 7 DAYS PRECEDING AND CURRENT ROW), o AS (PARTITION BY k ORDER BY t))";
            double bestOurs = 0;
            double bestGrouped = 0;
            double bestDuck = 0;
            double[] ratios = new double[rounds];
            double[] groupedRatios = new double[rounds];
            for (int round = 1; round <= rounds; round++) {
                System.gc();
                long t0 = System.nanoTime();
                WindowResult result = features.compute(key, time, value);
                // the three columns read and summed inside the timing, as DuckDB's query sums them
                double[] ourSums = sums(result);
                double ours = n / ((System.nanoTime() - t0) / 1e9);
                result = null;
                System.gc();
                // the same features in the order they are computed (key, then time), as DuckDB's window operator
                // leaves its rows before the sum: no scatter back to the events' order
                t0 = System.nanoTime();
                WindowResult grouped = features.computeGrouped(key, time, value, null);
                double[] groupedSums = sums(grouped);
                double groupedRate = n / ((System.nanoTime() - t0) / 1e9);
                grouped = null;
                System.gc();
                t0 = System.nanoTime();
                double[] duckSums = new double[3];
                try (ResultSet rs = st.executeQuery(sql)) {
                    rs.next();
                    for (int i = 0; i < 3; i++) {
                        duckSums[i] = rs.getDouble(i + 1);
                    }
                }
                double duck = n / ((System.nanoTime() - t0) / 1e9);
                for (int i = 0; i < 3; i++) {
                    for (double[] mine : new double[][] {ourSums, groupedSums}) {
                        if (!(Math.abs(mine[i] - duckSums[i]) <= 1e-9 * Math.abs(duckSums[i]))) {
                            throw new IllegalStateException("sum " + (i + 1) + " differs: " + mine[i]
                                    + " vs DuckDB's " + duckSums[i]);
                        }
                    }
                }
                ratios[round - 1] = ours / duck;
                groupedRatios[round - 1] = groupedRate / duck;
                bestOurs = Math.max(bestOurs, ours);
                bestGrouped = Math.max(bestGrouped, groupedRate);
                bestDuck = Math.max(bestDuck, duck);
                System.out.printf("round %d: MarketLink %,.0f events/s (grouped %,.0f), DuckDB %,.0f events/s, ratio "
                        + "%.2f (grouped %.2f; sums equal: %.6e %.6e %.6e)%n", round, ours, groupedRate, duck,
                        ours / duck, groupedRate / duck, ourSums[0], ourSums[1], ourSums[2]);
            }
            System.out.printf("best: MarketLink %,.0f events/s, DuckDB %,.0f events/s, ratio %.2f; median round ratio "
                    + "%.2f (goal >= 1.5)%n", bestOurs, bestDuck, bestOurs / bestDuck, median(ratios));
            System.out.printf("best grouped: MarketLink %,.0f events/s, ratio %.2f; median round ratio %.2f%n",
                    bestGrouped, bestGrouped / bestDuck, median(groupedRatios));
        }
    }

    /** The median of the rounds after the first (a warm-up) when there are more than two. */
    private static double median(double[] ratios) {
        double[] sorted = Arrays.copyOfRange(ratios, ratios.length > 2 ? 1 : 0, ratios.length);
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double[] sums(WindowResult result) {
        double[] s = new double[3];
        for (int i = 0; i < result.size(); i++) {
            s[0] += result.mean()[i];
            if (!Double.isNaN(result.stddev()[i])) {
                s[1] += result.stddev()[i];
            }
            if (!Double.isNaN(result.pctChange()[i])) {
                s[2] += result.pctChange()[i];
            }
        }
        return s;
    }
}

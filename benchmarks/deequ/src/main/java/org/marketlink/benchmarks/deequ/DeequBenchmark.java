package org.marketlink.benchmarks.deequ;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.ApproxCountDistinct;
import com.amazon.deequ.analyzers.ApproxQuantile;
import com.amazon.deequ.analyzers.Completeness;
import com.amazon.deequ.analyzers.Compliance;
import com.amazon.deequ.analyzers.Maximum;
import com.amazon.deequ.analyzers.Mean;
import com.amazon.deequ.analyzers.Minimum;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.analyzers.StandardDeviation;
import com.amazon.deequ.analyzers.Uniqueness;
import com.amazon.deequ.analyzers.runners.AnalysisRunBuilder;
import com.amazon.deequ.analyzers.runners.AnalysisRunner;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.metrics.Metric;
import com.sun.management.OperatingSystemMXBean;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteFiles;
import org.marketlink.quality.SuiteResult;
import scala.Option;
import scala.collection.JavaConverters;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The quality engine against Amazon Deequ 2.1 on Spark 3.5 {@code local[2]}: 1,000,000 generated market rows (id,
 * product_id, ts, price, demand_signal, competitor_count, availability_index, trend, source, region, quantity), the
 * same 20 metrics on both sides, in the same process, rounds interleaved, on 2 threads each. Deequ's semantics are
 * matched, not approximated: population standard deviation, nulls compliant in range and set compliance,
 * completeness, size and uniqueness (values seen exactly once) over all rows. Deequ gets a cached DataFrame,
 * materialised before timing. Every exact metric must be equal (1e-9); the two estimates (HLL++ and HLL distinct
 * counts, Deequ's quantile at relative error 0.01 and a KLL sketch) must each come within their error of the exact
 * value computed here.
 *
 * <p>Run with Spark's JVM options: {@code MAVEN_OPTS="-Xmx8g $(tr '\n' ' ' < spark/spark-jvm-options.txt)" mvn -B
 * -q -pl benchmarks/deequ -am -DskipTests -Dexec.skip=true compile exec:java
 * -Dexec.mainClass=org.marketlink.benchmarks.deequ.DeequBenchmark}. Arguments: {@code [rows=1000000] [rounds=5]}.
 */
public final class DeequBenchmark {
    private static final Schema S = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("product_id", FieldType.LONG), Field.optional("ts", FieldType.TIMESTAMP),
            Field.optional("price", FieldType.DOUBLE), Field.optional("demand_signal", FieldType.DOUBLE),
            Field.optional("competitor_count", FieldType.LONG), Field.optional("availability_index", FieldType.DOUBLE),
            Field.optional("trend", FieldType.STRING), Field.optional("source", FieldType.STRING),
            Field.optional("region", FieldType.STRING), Field.optional("quantity", FieldType.LONG));
    private static final String[] TRENDS = {"UP", "DOWN", "STABLE", "FLAT"};
    private static final String[] SOURCES = {"wfp", "portal", "scrape", "shop", null};
    private static final String[] REGIONS = {"Nairobi", "Mombasa", "Kisumu", "Nakuru", "Eldoret", "Garissa",
        "Turkana", "Kitui"};
    /** The 20 checks, in the order of {@link #analyzers()}. */
    private static final String SUITE = """
            name: market
            rules:
              - {type: rowCount, min: 1, max: 100000000}
              - {type: complete, column: id}
              - {type: complete, column: price}
              - {type: complete, column: demand_signal}
              - {type: complete, column: region}
              - {type: uniquenessBetween, columns: [id], min: 0, max: 1}
              - {type: minBetween, column: price, min: -1e9, max: 1e9}
              - {type: maxBetween, column: price, min: -1e9, max: 1e9}
              - {type: meanBetween, column: price, min: -1e9, max: 1e9}
              - {type: populationStddevBetween, column: price, min: 0, max: 1e9}
              - {type: nonNegative, column: price}
              - {type: positive, column: quantity}
              - {type: inSet, column: source, values: [wfp, portal, scrape]}
              - {type: inSet, column: trend, values: [UP, DOWN, STABLE]}
              - {type: between, column: availability_index, min: 0, max: 1}
              - {type: distinctCount, column: product_id, min: 0, max: 100000000}
              - {type: quantile, column: price, q: 0.5, min: -1e9, max: 1e9}
              - {type: minBetween, column: competitor_count, min: -1e9, max: 1e9}
              - {type: maxBetween, column: competitor_count, min: -1e9, max: 1e9}
              - {type: meanBetween, column: demand_signal, min: -1e9, max: 1e9}
            """;
    private static final int DISTINCT = 15;
    private static final int QUANTILE = 16;

    private DeequBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Row> rows = rows(n);
        List<ColumnBatch> batches = new ArrayList<>();
        for (int i = 0; i < n; i += 2048) {
            batches.add(ColumnBatch.of(S, rows.subList(i, Math.min(n, i + 2048))));
        }
        Suite.Compiled suite = SuiteFiles.readYaml(SUITE).compile(S);

        SparkSession spark = SparkSession.builder().master("local[2]").appName("deequ-benchmark")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        Dataset<org.apache.spark.sql.Row> df = spark.createDataFrame(sparkRows(rows), structType())
                .repartition(4).cache();
        df.count();

        double[] exact = exactEstimates(rows);
        double bestOurs = Double.MAX_VALUE;
        double bestDeequ = Double.MAX_VALUE;
        double oursCpu = 0;
        for (int round = 1; round <= rounds; round++) {
            long cpu0 = cpu();
            long t0 = System.nanoTime();
            SuiteResult ours = runColumns(suite, batches, 2);
            double oursSeconds = (System.nanoTime() - t0) / 1e9;
            oursCpu = (cpu() - cpu0) / 1e9;
            t0 = System.nanoTime();
            AnalysisRunBuilder run = AnalysisRunner.onData(df);
            List<Analyzer<?, Metric<?>>> analyzers = analyzers();
            for (Analyzer<?, Metric<?>> a : analyzers) {
                run = run.addAnalyzer(a);
            }
            AnalyzerContext context = run.run();
            double deequSeconds = (System.nanoTime() - t0) / 1e9;
            double[] theirs = new double[analyzers.size()];
            for (int i = 0; i < theirs.length; i++) {
                Metric<?> m = context.metric(analyzers.get(i)).get();
                theirs[i] = ((Number) m.value().get()).doubleValue();
            }
            double[] mine = new double[theirs.length];
            for (int i = 0; i < mine.length; i++) {
                mine[i] = ours.outcomes().get(i).metric();
            }
            check(mine, theirs, exact, rows);
            System.out.printf("round %d: MarketLink %.3f s (%.3f s CPU), Deequ %.3f s, ratio %.1f (20 of 20 metrics "
                    + "agree)%n", round, oursSeconds, oursCpu, deequSeconds, deequSeconds / oursSeconds);
            bestOurs = Math.min(bestOurs, oursSeconds);
            bestDeequ = Math.min(bestDeequ, deequSeconds);
        }
        System.out.printf("best: MarketLink %.3f s (%,.0f rows/s), Deequ 2.1 on Spark 3.5 local[2] %.3f s (%,.0f rows/s),"
                + " ratio %.1f (goal >= 20)%n", bestOurs, n / bestOurs, bestDeequ, n / bestDeequ, bestDeequ / bestOurs);
        spark.stop();
        System.exit(0);
    }

    private static long cpu() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The Deequ analyzers of the same 20 metrics, with Deequ's own spelling of each check. */
    private static List<Analyzer<?, Metric<?>>> analyzers() {
        Option<String> none = Option.empty();
        List<Analyzer<?, ?>> a = List.of(new Size(none), new Completeness("id", none, Option.empty()),
                new Completeness("price", none, Option.empty()), new Completeness("demand_signal", none, Option.empty()),
                new Completeness("region", none, Option.empty()),
                new Uniqueness(JavaConverters.asScalaBuffer(List.of("id")).toSeq(), none, Option.empty()),
                new Minimum("price", none, Option.empty()), new Maximum("price", none, Option.empty()),
                new Mean("price", none), new StandardDeviation("price", none),
                compliance("price non-negative", "COALESCE(price, 0.0) >= 0"),
                compliance("quantity positive", "COALESCE(quantity, 1) > 0"),
                compliance("source in set", "source IS NULL OR source IN ('wfp', 'portal', 'scrape')"),
                compliance("trend in set", "trend IS NULL OR trend IN ('UP', 'DOWN', 'STABLE')"),
                compliance("availability in range",
                        "availability_index IS NULL OR (availability_index >= 0.0 AND availability_index <= 1.0)"),
                new ApproxCountDistinct("product_id", none), new ApproxQuantile("price", 0.5, 0.01, none),
                new Minimum("competitor_count", none, Option.empty()),
                new Maximum("competitor_count", none, Option.empty()), new Mean("demand_signal", none));
        @SuppressWarnings("unchecked")
        List<Analyzer<?, Metric<?>>> typed = (List<Analyzer<?, Metric<?>>>) (List<?>) a;
        return typed;
    }

    private static Compliance compliance(String name, String predicate) {
        return new Compliance(name, predicate, Option.empty(),
                JavaConverters.asScalaBuffer(new ArrayList<String>()).toList(), Option.empty());
    }

    /** The exact distinct count of product_id, for the two estimates to be judged against. */
    private static double[] exactEstimates(List<Row> rows) {
        Set<Long> products = new HashSet<>();
        for (Row r : rows) {
            if (r.get(1) != null) {
                products.add((Long) r.get(1));
            }
        }
        return new double[] {products.size()};
    }

    private static void check(double[] ours, double[] deequ, double[] exact, List<Row> rows) {
        for (int i = 0; i < ours.length; i++) {
            if (i == DISTINCT) {
                for (double v : new double[] {ours[i], deequ[i]}) {
                    if (Math.abs(v - exact[0]) > exact[0] * 0.03) {
                        throw new IllegalStateException("distinct count " + v + " is not within 3% of " + exact[0]);
                    }
                }
            } else if (i == QUANTILE) {
                for (double v : new double[] {ours[i], deequ[i]}) {
                    double rank = rank(rows, v);
                    if (Math.abs(rank - 0.5) > 0.01 + 0.02) {
                        throw new IllegalStateException("median " + v + " has rank " + rank);
                    }
                }
            } else if (!(Math.abs(ours[i] - deequ[i]) <= Math.abs(deequ[i]) * 1e-9)) {
                throw new IllegalStateException("metric " + (i + 1) + " differs: MarketLink " + ours[i] + ", Deequ "
                        + deequ[i]);
            }
        }
    }

    /** The share of present prices at or below {@code v}. */
    private static double rank(List<Row> rows, double v) {
        long below = 0;
        long present = 0;
        for (Row r : rows) {
            Object p = r.get(3);
            if (p != null) {
                present++;
                below += (Double) p <= v ? 1 : 0;
            }
        }
        return (double) below / present;
    }

    private static SuiteResult runColumns(Suite.Compiled suite, List<ColumnBatch> batches, int threads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            int chunk = (batches.size() + threads - 1) / threads;
            List<Future<Suite.State>> parts = new ArrayList<>();
            for (int i = 0; i < batches.size(); i += chunk) {
                List<ColumnBatch> part = batches.subList(i, Math.min(batches.size(), i + chunk));
                parts.add(pool.submit(() -> {
                    Suite.State s = suite.newState();
                    for (ColumnBatch b : part) {
                        s.accept(b);
                    }
                    return s;
                }));
            }
            Suite.State merged = parts.get(0).get();
            for (int i = 1; i < parts.size(); i++) {
                merged.merge(parts.get(i).get());
            }
            return merged.result();
        } finally {
            pool.shutdown();
        }
    }

    /** Market rows: shuffled ids with 1,000 repeated, prices with nulls and a few negatives, unsorted times. */
    static List<Row> rows(int n) {
        SplittableRandom r = new SplittableRandom(5);
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        for (int k = 0; k < Math.min(1000, n / 2); k++) {
            ids[n - 1 - k] = ids[r.nextInt(n - 1000)];
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            long t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Double price = r.nextInt(50) == 0 ? null : r.nextInt(100) == 0 ? -r.nextDouble() * 10
                    : Math.round(r.nextDouble() * 50_000) / 100.0;
            Double demand = r.nextInt(30) == 0 ? null : r.nextDouble();
            double availability = r.nextInt(100) == 0 ? 1 + r.nextDouble() : r.nextDouble();
            rows.add(Row.of(S, ids[i], (long) r.nextInt(20_000), start.plusSeconds(r.nextInt(86_400 * 300)), price,
                    demand, (long) r.nextInt(0, 21), availability, TRENDS[r.nextInt(TRENDS.length)],
                    SOURCES[r.nextInt(SOURCES.length)], r.nextInt(40) == 0 ? null : REGIONS[r.nextInt(REGIONS.length)],
                    (long) r.nextInt(-2, 500)));
        }
        return rows;
    }

    private static StructType structType() {
        return new StructType().add("id", DataTypes.LongType, false).add("product_id", DataTypes.LongType)
                .add("ts", DataTypes.TimestampType).add("price", DataTypes.DoubleType)
                .add("demand_signal", DataTypes.DoubleType).add("competitor_count", DataTypes.LongType)
                .add("availability_index", DataTypes.DoubleType).add("trend", DataTypes.StringType)
                .add("source", DataTypes.StringType).add("region", DataTypes.StringType)
                .add("quantity", DataTypes.LongType);
    }

    private static List<org.apache.spark.sql.Row> sparkRows(List<Row> rows) {
        List<org.apache.spark.sql.Row> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Object[] v = new Object[S.size()];
            for (int f = 0; f < v.length; f++) {
                v[f] = r.get(f) instanceof Instant t ? Timestamp.from(t) : r.get(f);
            }
            out.add(RowFactory.create(v));
        }
        return out;
    }
}

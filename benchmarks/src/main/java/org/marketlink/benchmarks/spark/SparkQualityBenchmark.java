package org.marketlink.benchmarks.spark;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.marketlink.benchmarks.quality.QualityBenchmark;
import org.marketlink.core.data.Row;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;
import org.marketlink.spark.data.SparkSchemas;
import org.marketlink.spark.quality.SparkQuality;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The 20-rule quality suite of {@link QualityBenchmark} over 5,000,000 rows, on Spark {@code local[2]} through
 * {@link SparkQuality#run} against the single-machine engine (two threads, chunks merged) in the same process. Both
 * sides read the same rows from memory: row {@code i} is a pure function of {@code i}; Spark's copy is generated
 * on its executors and cached before timing. The two results are checked equal (rows and failing-row counts).
 *
 * <p>Run with Spark's module flags on Java 17 (see the README): {@code java --add-opens=... -Xmx14g -cp ...
 * org.marketlink.benchmarks.spark.SparkQualityBenchmark [rows=5000000] [partitions=4] [rounds=5]}.
 */
public final class SparkQualityBenchmark {
    private static final String[] STATUSES = {"PENDING", "CONFIRMED", "SHIPPED", "DELIVERED", "CANCELLED", "Pendng"};
    private static final String[] COUNTRIES = {"KE", "IN", "UG", "TZ", null};

    private SparkQualityBenchmark() {
    }

    /** The values of row {@code i}, the same on every machine. */
    static Object[] values(long i) {
        SplittableRandom r = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
        return new Object[] {i % 999_000, STATUSES[r.nextInt(STATUSES.length)], COUNTRIES[r.nextInt(COUNTRIES.length)],
                r.nextInt(50) == 0 ? -1.0 : r.nextDouble() * 100, (long) r.nextInt(-5, 500), r.nextDouble(),
                "C" + r.nextInt(100_000)};
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5; // both sides need a few rounds of JIT
        Suite suite = Suite.of("bench", QualityBenchmark.rules());
        Suite.Compiled compiled = suite.compile(QualityBenchmark.S);

        List<Row> rows = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            rows.add(Row.of(QualityBenchmark.S, values(i)));
        }

        SparkSession spark = SparkSession.builder().master("local[2]").appName("marketlink-quality-benchmark")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            Dataset<org.apache.spark.sql.Row> data = spark.range(0, n, 1, partitions)
                    .mapPartitions((MapPartitionsFunction<Long, org.apache.spark.sql.Row>) ids -> new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return ids.hasNext();
                        }

                        @Override
                        public org.apache.spark.sql.Row next() {
                            return RowFactory.create(values(ids.next()));
                        }
                    }, Encoders.row(SparkSchemas.toStructType(QualityBenchmark.S)))
                    .persist(StorageLevel.MEMORY_ONLY());
            System.out.printf("Spark cached %,d rows in %d partitions%n", data.count(), partitions);

            double bestSpark = 0;
            double bestSingle = 0;
            double bestScan = 0;
            double bestSql = 0;
            data.createOrReplaceTempView("t");
            // the same metrics as Spark SQL computes them natively (one aggregate, generated code over the cache)
            String sql = QualityBenchmark.metricsSql("NOT code RLIKE '^C[0-9]+$'");
            for (int round = 1; round <= rounds; round++) {
                long t0 = System.nanoTime();
                SuiteResult single = QualityBenchmark.runParallel(compiled, rows, 2);
                double singleRate = n / ((System.nanoTime() - t0) / 1e9);
                t0 = System.nanoTime();
                SuiteResult distributed = SparkQuality.run(suite, data);
                double sparkRate = n / ((System.nanoTime() - t0) / 1e9);
                t0 = System.nanoTime();
                long seen = data.mapPartitions((MapPartitionsFunction<org.apache.spark.sql.Row, Long>) it -> {
                    long k = 0;
                    while (it.hasNext()) {
                        k += it.next().size();
                    }
                    return List.of(k).iterator();
                }, Encoders.LONG()).collectAsList().stream().mapToLong(Long::longValue).sum();
                double scanRate = n / ((System.nanoTime() - t0) / 1e9);
                bestScan = Math.max(bestScan, scanRate);
                t0 = System.nanoTime();
                org.apache.spark.sql.Row metrics = spark.sql(sql).first();
                double sqlRate = n / ((System.nanoTime() - t0) / 1e9);
                bestSql = Math.max(bestSql, sqlRate);
                long oursNegative = ((RuleOutcome.Failed) distributed.outcome("nonNegative(price)")).failingRows();
                System.out.printf("round %d: single machine %,.0f rows/s   Spark local[2] %,.0f rows/s   equal: %b"
                        + "   (Spark handing over rows alone: %,.0f rows/s, %d cells; Spark SQL aggregate %,.0f rows/s,"
                        + " price<0 %d vs %d)%n", round, singleRate, sparkRate, same(single, distributed), scanRate,
                        seen, sqlRate, oursNegative, metrics.getLong(8));
                bestSingle = Math.max(bestSingle, singleRate);
                bestSpark = Math.max(bestSpark, sparkRate);
            }
            System.out.printf("best: single machine %,.0f rows/s, Spark local[2] %,.0f rows/s, Spark/single %.2f;"
                    + " Spark's own row hand-over %,.0f rows/s; Spark SQL's native aggregate of the same metrics"
                    + " %,.0f rows/s%n", bestSingle, bestSpark, bestSpark / bestSingle, bestScan, bestSql);
        } finally {
            spark.stop();
        }
        System.exit(0);
    }

    private static boolean same(SuiteResult a, SuiteResult b) {
        if (a.rows() != b.rows() || a.outcomes().size() != b.outcomes().size()) {
            return false;
        }
        for (int i = 0; i < a.outcomes().size(); i++) {
            RuleOutcome x = a.outcomes().get(i);
            RuleOutcome y = b.outcomes().get(i);
            double tolerance = 1e-9 * Math.max(1, Math.abs(x.metric()));
            if (x.getClass() != y.getClass() || Math.abs(x.metric() - y.metric()) > tolerance) {
                return false;
            }
            if (x instanceof RuleOutcome.Failed fx && fx.failingRows() != ((RuleOutcome.Failed) y).failingRows()) {
                return false;
            }
        }
        return true;
    }
}

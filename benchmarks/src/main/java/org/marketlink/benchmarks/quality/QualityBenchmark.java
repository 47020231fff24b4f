package org.marketlink.benchmarks.quality;

import org.duckdb.DuckDBConnection;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.rules.Rule;
import org.marketlink.quality.rules.Rules;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * 1,000,000 rows × 20 rules in memory with MarketLink's suite (one pass, chunks merged across threads), against
 * DuckDB computing the same metrics in SQL over the same data loaded into an in-memory table, same process.
 *
 * <p>Arguments: {@code [rows=1000000] [threads=2] [rounds=8]}; the best round of each side is compared.
 */
public final class QualityBenchmark {
    /** The benchmark table: ids, two categorical columns, three numbers and a code. */
    public static final Schema S = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("status", FieldType.STRING), Field.optional("country", FieldType.STRING),
            Field.optional("price", FieldType.DOUBLE), Field.optional("quantity", FieldType.LONG),
            Field.optional("score", FieldType.DOUBLE), Field.optional("code", FieldType.STRING));

    private QualityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 8; // the JIT needs a few rounds
        SplittableRandom r = new SplittableRandom(1);
        String[] statuses = {"PENDING", "CONFIRMED", "SHIPPED", "DELIVERED", "CANCELLED", "Pendng"};
        String[] countries = {"KE", "IN", "UG", "TZ", null};
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(Row.of(S, (long) (i % 999_000), statuses[r.nextInt(statuses.length)],
                    countries[r.nextInt(countries.length)], r.nextInt(50) == 0 ? -1.0 : r.nextDouble() * 100,
                    (long) r.nextInt(-5, 500), r.nextDouble(), "C" + r.nextInt(100_000)));
        }
        List<Rule> rules = rules();
        Suite.Compiled suite = Suite.of("bench", rules).compile(S);

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET threads = " + threads);
            st.execute("CREATE TABLE t (id BIGINT, status VARCHAR, country VARCHAR, price DOUBLE, quantity BIGINT, "
                    + "score DOUBLE, code VARCHAR)");
            try (var app = ((DuckDBConnection) c).createAppender("main", "t")) {
                for (Row row : rows) {
                    app.beginRow();
                    app.append(row.getLong(0));
                    app.append(row.getString(1));
                    app.append(row.getString(2));
                    app.append(row.getDouble(3));
                    app.append(row.getLong(4));
                    app.append(row.getDouble(5));
                    app.append(row.getString(6));
                    app.endRow();
                }
            }
            String sql = metricsSql("NOT regexp_full_match(code, 'C\\d+')");
            double bestOurs = 0;
            double bestDuck = 0;
            for (int round = 1; round <= rounds; round++) {
                long t0 = System.nanoTime();
                SuiteResult result = runParallel(suite, rows, threads);
                double ours = n / ((System.nanoTime() - t0) / 1e9);
                t0 = System.nanoTime();
                long duckPriceNeg;
                try (ResultSet rs = st.executeQuery(sql)) {
                    rs.next();
                    duckPriceNeg = rs.getLong(9);
                }
                double duck = n / ((System.nanoTime() - t0) / 1e9);
                long oursPriceNeg = ((RuleOutcome.Failed) result.outcome("nonNegative(price)"))
                        .failingRows();
                System.out.printf("round %d: MarketLink %,.0f rows/s   DuckDB %,.0f rows/s   (price<0: %d vs %d)%n",
                        round, ours, duck, oursPriceNeg, duckPriceNeg);
                bestOurs = Math.max(bestOurs, ours);
                bestDuck = Math.max(bestDuck, duck);
            }
            System.out.printf("best: MarketLink %,.0f rows/s, DuckDB %,.0f rows/s, ratio %.2f (goal >= 1.0)%n",
                    bestOurs, bestDuck, bestOurs / bestDuck);
        }
        System.exit(0);
    }

    /**
     * The 20 metrics in one SQL query over table {@code t}, for a SQL engine as the peer; {@code codeMismatch} is the
     * engine's own spelling of "code is not a C followed by digits".
     */
    public static String metricsSql(String codeMismatch) {
        return "SELECT count(*) - count(status), count(*) - count(country), count(*) - count(price), "
                + "count(*) - count(quantity), count(*) - count(score), count(*) - count(code), "
                + "count(*) FILTER (WHERE status NOT IN ('PENDING','CONFIRMED','SHIPPED','DELIVERED','CANCELLED')), "
                + "count(*) FILTER (WHERE country NOT IN ('KE','IN','UG','TZ')), "
                + "count(*) FILTER (WHERE price < 0), count(*) FILTER (WHERE price < 0 OR price > 90), "
                + "count(*) FILTER (WHERE quantity < 0), count(*) FILTER (WHERE quantity < 0 OR quantity > 400), "
                + "count(*) FILTER (WHERE score < 0 OR score > 1), count(*) FILTER (WHERE score <= 0), "
                + "count(*) FILTER (WHERE " + codeMismatch + "), count(*) - count(DISTINCT id), "
                + "count(*), avg(price), avg(quantity), avg(score) FROM t";
    }

    /** The 20 rules both sides check: completeness, sets, ranges, a pattern, uniqueness, a row count and means. */
    public static List<Rule> rules() {
        return List.of(
                Rules.complete("status"), Rules.complete("country"), Rules.complete("price"),
                Rules.complete("quantity"), Rules.complete("score"), Rules.complete("code"),
                Rules.inSet("status", Set.of("PENDING", "CONFIRMED", "SHIPPED", "DELIVERED", "CANCELLED")),
                Rules.inSet("country", Set.of("KE", "IN", "UG", "TZ")),
                Rules.nonNegative("price"), Rules.between("price", 0, 90), Rules.nonNegative("quantity"),
                Rules.between("quantity", 0, 400), Rules.between("score", 0, 1), Rules.positive("score"),
                Rules.matches("code", "C\\d+"), Rules.unique("id"), Rules.rowCount(1, 10_000_000),
                Rules.meanBetween("price", 0, 100), Rules.meanBetween("quantity", 0, 1000),
                Rules.meanBetween("score", 0, 1));
    }

    /** The suite over {@code rows} in {@code threads} chunks merged: the single-machine engine at full width. */
    public static SuiteResult runParallel(Suite.Compiled suite, List<Row> rows, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            int chunk = (rows.size() + threads - 1) / threads;
            List<Future<Suite.State>> parts = new ArrayList<>();
            for (int i = 0; i < rows.size(); i += chunk) {
                List<Row> part = rows.subList(i, Math.min(rows.size(), i + chunk));
                parts.add(pool.submit(() -> {
                    Suite.State s = suite.newState();
                    for (Row row : part) {
                        s.accept(row);
                    }
                    return s;
                }));
            }
            // the first part's state takes the others in: no copy of it into a fresh state
            Suite.State merged = parts.get(0).get();
            for (int i = 1; i < parts.size(); i++) {
                merged.merge(parts.get(i).get());
            }
            return merged.result();
        } finally {
            pool.shutdown();
        }
    }
}

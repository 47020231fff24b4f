package org.marketlink.benchmarks.quality;

import org.duckdb.DuckDBConnection;
import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.rules.Rule;
import org.marketlink.quality.rules.RuleOptions;
import org.marketlink.quality.rules.Rules;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A wide table — 200 columns × 200,000 rows, three rules per column (600 rules) — checked by one MarketLink suite
 * pass and, in the same process, by DuckDB computing the same 600 metrics in one SQL query over the same data in an
 * in-memory table. 160 columns are numeric (complete, between 0 and 1, mean between 0 and 1), 40 are text
 * (complete, in a set of five values, length 1 to 8). About 1% of cells are null and 0.5% out of range, so the
 * failing-row counts are not trivial. Both of DuckDB's forms ({@code count(*) FILTER (WHERE …)} and
 * {@code count_if(…)}) run and the faster is the peer; every one of the 600 values is checked equal, for the row
 * and the columnar engine, on every round.
 *
 * <p>Arguments: {@code [rows=200000] [threads=2] [rounds=3]}.
 */
public final class WideTableQualityBenchmark {
    private static final int NUMERIC = 160;
    private static final int TEXT = 40;
    private static final String[] VALUES = {"alpha", "beta", "gamma", "delta", "eps"};

    private WideTableQualityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int width = NUMERIC + TEXT;

        List<Field> fields = new ArrayList<>(width);
        for (int c = 0; c < NUMERIC; c++) {
            fields.add(Field.optional("n" + c, FieldType.DOUBLE));
        }
        for (int c = 0; c < TEXT; c++) {
            fields.add(Field.optional("s" + c, FieldType.STRING));
        }
        Schema schema = Schema.of(fields.toArray(Field[]::new));

        SplittableRandom r = new SplittableRandom(7);
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Object[] v = new Object[width];
            for (int c = 0; c < NUMERIC; c++) {
                int roll = r.nextInt(200);
                v[c] = roll < 2 ? null : roll == 2 ? 1.5 + r.nextDouble() : r.nextDouble();
            }
            for (int c = 0; c < TEXT; c++) {
                int roll = r.nextInt(200);
                v[NUMERIC + c] = roll < 2 ? null : roll == 2 ? "unexpected" : VALUES[r.nextInt(VALUES.length)];
            }
            rows.add(Row.of(schema, v));
        }

        List<Rule> rules = new ArrayList<>(3 * width);
        StringBuilder sql = new StringBuilder("SELECT ");
        StringBuilder countIf = new StringBuilder("SELECT ");
        for (int c = 0; c < NUMERIC; c++) {
            String col = "n" + c;
            rules.add(Rules.complete(col));
            rules.add(Rules.between(col, 0, 1));
            rules.add(Rules.meanBetween(col, 0, 1));
            sql.append("count(*) - count(").append(col).append("), ")
                    .append("count(*) FILTER (WHERE ").append(col).append(" < 0 OR ").append(col).append(" > 1), ")
                    .append("avg(").append(col).append("), ");
            countIf.append("count(*) - count(").append(col).append("), ")
                    .append("count_if(").append(col).append(" < 0 OR ").append(col).append(" > 1), ")
                    .append("avg(").append(col).append("), ");
        }
        Set<String> allowed = Set.of(VALUES);
        for (int c = 0; c < TEXT; c++) {
            String col = "s" + c;
            rules.add(Rules.complete(col));
            rules.add(Rules.inSet(col, allowed));
            rules.add(Rules.length(col, 1, 8, RuleOptions.strict()));
            sql.append("count(*) - count(").append(col).append("), ")
                    .append("count(*) FILTER (WHERE ").append(col)
                    .append(" NOT IN ('alpha','beta','gamma','delta','eps')), ")
                    .append("count(*) FILTER (WHERE length(").append(col).append(") NOT BETWEEN 1 AND 8), ");
            countIf.append("count(*) - count(").append(col).append("), ")
                    .append("count_if(").append(col).append(" NOT IN ('alpha','beta','gamma','delta','eps')), ")
                    .append("count_if(length(").append(col).append(") NOT BETWEEN 1 AND 8), ");
        }
        sql.setLength(sql.length() - 2);
        sql.append(" FROM t");
        countIf.setLength(countIf.length() - 2);
        countIf.append(" FROM t");
        List<ColumnBatch> batches = new ArrayList<>();
        for (int i = 0; i < n; i += 2048) {
            batches.add(ColumnBatch.of(schema, rows.subList(i, Math.min(n, i + 2048))));
        }
        Suite.Compiled suite = Suite.of("wide", rules).compile(schema);

        try (Connection conn = DriverManager.getConnection("jdbc:duckdb:"); Statement st = conn.createStatement()) {
            st.execute("SET threads = " + threads);
            StringBuilder ddl = new StringBuilder("CREATE TABLE t (");
            for (int c = 0; c < NUMERIC; c++) {
                ddl.append("n").append(c).append(" DOUBLE, ");
            }
            for (int c = 0; c < TEXT; c++) {
                ddl.append("s").append(c).append(" VARCHAR").append(c + 1 < TEXT ? ", " : ")");
            }
            st.execute(ddl.toString());
            try (var app = ((DuckDBConnection) conn).createAppender("main", "t")) {
                for (Row row : rows) {
                    app.beginRow();
                    for (int c = 0; c < NUMERIC; c++) {
                        if (row.isNull(c)) {
                            app.appendNull();
                        } else {
                            app.append(row.getDouble(c));
                        }
                    }
                    for (int c = NUMERIC; c < width; c++) {
                        app.append(row.getString(c));
                    }
                    app.endRow();
                }
            }

            double bestOurs = 0;
            double bestColumns = 0;
            double bestFilter = 0;
            double bestCountIf = 0;
            for (int round = 1; round <= rounds; round++) {
                QualityBenchmark.quiet();
                long t0 = System.nanoTime();
                SuiteResult result = QualityBenchmark.runParallel(suite, rows, threads);
                double ours = n / ((System.nanoTime() - t0) / 1e9);
                QualityBenchmark.quiet();
                t0 = System.nanoTime();
                SuiteResult columnar = QualityBenchmark.runColumnsParallel(suite, batches, threads);
                double columns = n / ((System.nanoTime() - t0) / 1e9);
                QualityBenchmark.quiet();
                t0 = System.nanoTime();
                double[] filter = duck(st, sql.toString(), rules.size());
                double filterRate = n / ((System.nanoTime() - t0) / 1e9);
                QualityBenchmark.quiet();
                t0 = System.nanoTime();
                double[] counted = duck(st, countIf.toString(), rules.size());
                double countIfRate = n / ((System.nanoTime() - t0) / 1e9);
                check(values(result), filter, "rows vs FILTER");
                check(values(columnar), counted, "columns vs count_if");
                check(values(columnar), filter, "columns vs FILTER");
                System.out.printf("round %d: MarketLink rows %,.0f rows/s, columns %,.0f   DuckDB FILTER %,.0f   "
                        + "count_if %,.0f   (%d of %d values equal)%n", round, ours, columns, filterRate, countIfRate,
                        rules.size(), rules.size());
                bestOurs = Math.max(bestOurs, ours);
                bestColumns = Math.max(bestColumns, columns);
                bestFilter = Math.max(bestFilter, filterRate);
                bestCountIf = Math.max(bestCountIf, countIfRate);
            }
            double peer = Math.max(bestFilter, bestCountIf);
            System.out.printf("best (%d columns, %d rules, %d threads): MarketLink rows %,.0f rows/s (%.2f), columns "
                    + "%,.0f rows/s (%.2f), DuckDB %,.0f rows/s (%s); ratios against DuckDB, goal >= 3%n", width,
                    rules.size(), threads, bestOurs, bestOurs / peer, bestColumns, bestColumns / peer, peer,
                    bestCountIf >= bestFilter ? "count_if" : "FILTER");
        }
        System.exit(0);
    }

    private static double[] duck(Statement st, String sql, int count) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            double[] v = new double[count];
            for (int i = 0; i < count; i++) {
                v[i] = rs.getDouble(i + 1);
            }
            return v;
        }
    }

    /** Each rule's value in the SQL's order: failing rows of the row rules, the metric of the means. */
    private static double[] values(SuiteResult result) {
        double[] v = new double[result.outcomes().size()];
        for (int i = 0; i < v.length; i++) {
            RuleOutcome o = result.outcomes().get(i);
            boolean mean = o.rule().startsWith("meanBetween");
            v[i] = mean ? o.metric() : o instanceof RuleOutcome.Failed f ? f.failingRows() : 0;
        }
        return v;
    }

    private static void check(double[] ours, double[] peer, String what) {
        for (int i = 0; i < ours.length; i++) {
            if (!(Math.abs(ours[i] - peer[i]) <= Math.abs(peer[i]) * 1e-9)) {
                throw new IllegalStateException(what + ": value " + (i + 1) + " differs: " + ours[i] + " vs "
                        + peer[i]);
            }
        }
    }
}

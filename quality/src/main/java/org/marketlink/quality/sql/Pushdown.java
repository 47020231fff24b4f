package org.marketlink.quality.sql;

import org.marketlink.core.Checks;
import org.marketlink.core.UnableToReadException;
import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.Schema;
import org.marketlink.core.io.JdbcSource;
import org.marketlink.core.io.TableColumns;
import org.marketlink.core.pipeline.ColumnCursor;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Severity;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.metrics.MetricBounds;
import org.marketlink.quality.rules.Rule;
import org.marketlink.quality.rules.RuleKind;
import org.marketlink.quality.rules.RuleSpec;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a suite on a table of any JDBC database instead of reading its rows out: one aggregate query computes every
 * rule that has an SQL form (one grouped query more per uniqueness rule), and the rules that have none (patterns,
 * parse-ability, freshness, references, column comparisons, drift, estimated sketches, rules made from code) run in
 * memory over the table's rows, streamed once through a {@link JdbcSource}, as column batches, for all of them. Each outcome's message
 * ends with where it was computed ({@code (in SQL)} or {@code (in memory: …)}); {@link #plan} says it beforehand.
 * The metrics equal those of the in-memory engine on the same rows, rule kind by rule kind (distinct counts and
 * quantiles marked {@code exact} are exact in SQL as in memory).
 *
 * <p>Names are checked, values bound: the table and column names must be plain identifiers found in the database's
 * own metadata, and every value of a rule reaches the database as a {@code ?} parameter. A rule that cannot apply to
 * the table (a column it lacks, a text column where a number is needed) is reported as an errored outcome naming
 * the column; the other rules still run.
 *
 * <p>The dialect is read from the connection ({@link SqlDialect#of}) unless one is given. Rows are read from the
 * host's own {@link DataSource}; the pushdown opens one connection for the queries and, when rules run in memory,
 * the source opens one more to stream. The aggregate query and the streamed read are separate statements: when the
 * table changes between them, the in-memory outcomes are errored and say so rather than mixing two states of it.
 *
 * <p>Immutable and thread-safe; each {@code run} uses its own connections.
 */
public final class Pushdown {
    /** Rows per round trip when rules run in memory over the streamed table. */
    public static final int DEFAULT_FETCH_SIZE = 10_000;

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final int fetchSize;

    private Pushdown(DataSource dataSource, SqlDialect dialect, int fetchSize) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.fetchSize = fetchSize;
    }

    /** A pushdown onto the database behind {@code dataSource}, its dialect read from the connection. */
    public static Pushdown on(DataSource dataSource) {
        return new Pushdown(Checks.notNull("dataSource", dataSource), null, DEFAULT_FETCH_SIZE);
    }

    /** The same pushdown writing SQL in {@code dialect} (for a database {@link KnownDialect} does not hold). */
    public Pushdown withDialect(SqlDialect dialect) {
        return new Pushdown(dataSource, Checks.notNull("dialect", dialect), fetchSize);
    }

    /** The same pushdown streaming {@code fetchSize} rows per round trip (≥ 1) for the rules run in memory. */
    public Pushdown withFetchSize(int fetchSize) {
        return new Pushdown(dataSource, dialect, Checks.atLeast("fetchSize", fetchSize, 1));
    }

    /**
     * Where each rule of {@code suite} would run on {@code table}, in the suite's order, without running it. A rule
     * planned for SQL that the database then cannot compute on the data (a sum beyond a double's range) is judged
     * in memory by {@link #run}, and its outcome says so.
     *
     * @throws IllegalArgumentException when the table name is not a plain identifier or there is no such table
     * @throws UnableToReadException    when the database cannot be asked
     */
    public List<Placement> plan(Suite suite, String table) {
        Checks.notNull("suite", suite);
        return withTable(table, (c, d, shape) -> {
            List<Placement> placements = new ArrayList<>();
            for (Planned p : plan(suite, shape, d)) {
                placements.add(p.placement);
            }
            return placements;
        });
    }

    /**
     * Runs {@code suite} on {@code table}: one outcome per rule, in the suite's order, then the suite's score
     * threshold when it has one. The suite's row score ({@link SuiteResult#score()}) is known when every row rule
     * ran in the same place, and unknown (NaN) when some ran in SQL and others in memory.
     *
     * @throws IllegalArgumentException when the table name is not a plain identifier or there is no such table
     * @throws UnableToReadException    when a query fails
     */
    public SuiteResult run(Suite suite, String table) {
        Checks.notNull("suite", suite);
        return withTable(table, (c, d, shape) -> run(suite, c, d, shape));
    }

    /**
     * The distinct present values of {@code table.column}, read once, for {@code Rules.references} — referential
     * integrity against a database table. Values come back as rows hold them (whole numbers as {@code Long},
     * {@code DATE} as {@code LocalDate}, {@code TIMESTAMP} as {@code Instant}), so they compare equal to the values
     * of a row. Memory grows with the number of keys.
     *
     * @throws IllegalArgumentException when a name is not a plain identifier, or the table or column does not exist
     */
    public Set<Object> keys(String table, String column) {
        return withTable(table, (c, d, shape) -> {
            String col = new SqlContext(d, shape.types()).column(column);
            Set<Object> keys = new HashSet<>();
            String sql = "SELECT DISTINCT " + col + " FROM " + shape.table() + " WHERE " + col + " IS NOT NULL";
            try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    keys.add(rowValue(rs.getObject(1)));
                }
            }
            return keys;
        });
    }

    @FunctionalInterface
    private interface TableWork<T> {
        T apply(Connection c, SqlDialect dialect, TableShape shape) throws SQLException;
    }

    private <T> T withTable(String table, TableWork<T> work) {
        String t = TableColumns.identifier("table", table);
        try (Connection c = dataSource.getConnection()) {
            SqlDialect d = dialect != null ? dialect : SqlDialect.of(c.getMetaData());
            Map<String, TableColumns.Column> columns = TableColumns.columns(c, t);
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("no table '" + table + "' in the database");
            }
            return work.apply(c, d, TableShape.of(t, columns));
        } catch (SQLException e) {
            throw new UnableToReadException("could not run the suite on table " + t + ": " + e.getMessage(), e);
        }
    }

    /** One rule with where it runs and, for SQL, its expression and parameters. */
    private record Planned(Rule rule, Placement placement, RuleSpec spec, String sql, List<Object> parameters,
                           boolean rowLevel) {
        boolean rowRuleInSql() {
            return sql != null && spec.kind().sqlForm() == RuleKind.SqlForm.FAILING_ROWS;
        }
    }

    private static List<Planned> plan(Suite suite, TableShape shape, SqlDialect d) {
        List<Planned> planned = new ArrayList<>();
        Schema schema = shape.schema();
        for (Rule r : suite.rules()) {
            RuleSpec s = r.spec().orElse(null);
            String why;
            if (s == null) {
                why = "made from code";
            } else if (s.filter() != null) {
                why = "it has a row filter";
            } else if (s.kind().sqlForm() == RuleKind.SqlForm.NONE) {
                why = s.type() + " has no SQL form";
            } else {
                SqlContext ctx = new SqlContext(d, shape.types());
                try {
                    String sql = s.kind().sql(s, ctx);
                    if (sql != null) {
                        planned.add(new Planned(r, new Placement(r.name(), Placement.Where.SQL, "in SQL"), s, sql,
                                ctx.parameters(), s.kind().rowLevel()));
                        continue;
                    }
                    why = s.type() + " has no SQL form for this rule";
                } catch (IllegalArgumentException e) {
                    planned.add(notRun(r, e));
                    continue;
                }
            }
            try {
                boolean rowLevel = r.bind(schema).rowLevel();
                planned.add(new Planned(r, new Placement(r.name(), Placement.Where.MEMORY, "in memory: " + why), s,
                        null, List.of(), rowLevel));
            } catch (IllegalArgumentException e) {
                planned.add(notRun(r, e));
            }
        }
        return planned;
    }

    private static Planned notRun(Rule r, IllegalArgumentException e) {
        return new Planned(r, new Placement(r.name(), Placement.Where.NOT_RUN, e.getMessage()), null, null,
                List.of(), false);
    }

    private SuiteResult run(Suite suite, Connection c, SqlDialect d, TableShape shape) throws SQLException {
        List<Planned> plan = plan(suite, shape, d);
        List<Planned> inSql = new ArrayList<>();
        for (Planned p : plan) {
            if (p.placement.where() == Placement.Where.SQL) {
                inSql.add(p);
            }
        }
        AggregateRow aggregate;
        try {
            aggregate = aggregate(c, shape.table(), inSql);
        } catch (SQLException whole) {
            // a value the database cannot aggregate (a sum of doubles that overflows is an error in PostgreSQL and
            // DuckDB, infinity in memory): find the rules concerned, one query each, and judge them in memory
            recover(c);
            List<Planned> computable = new ArrayList<>();
            List<Planned> moved = new ArrayList<>();
            for (Planned p : inSql) {
                try {
                    aggregate(c, shape.table(), List.of(p));
                    computable.add(p);
                } catch (SQLException e) {
                    recover(c);
                    moved.add(p);
                }
            }
            aggregate = aggregate(c, shape.table(), computable);
            inSql = computable;
            plan = moveToMemory(plan, moved, d, whole);
        }
        // a deviation of finite values is never NaN: a database that overflowed its moments without an error (H2)
        // gives NaN, and the rule is judged in memory, which does not overflow
        List<Planned> overflowed = new ArrayList<>();
        for (int i = 0; i < inSql.size(); i++) {
            Double v = aggregate.values[i];
            RuleKind kind = inSql.get(i).spec.kind();
            boolean deviation = kind == RuleKind.STDDEV_BETWEEN || kind == RuleKind.POPULATION_STDDEV_BETWEEN;
            if (deviation && v != null && v.isNaN()) {
                overflowed.add(inSql.get(i));
            }
        }
        if (!overflowed.isEmpty()) {
            plan = moveToMemory(plan, overflowed, d, null);
        }
        List<Rule> inMemory = new ArrayList<>();
        boolean rowRuleInMemory = false;
        Schema schema = shape.schema();
        for (Planned p : plan) {
            if (p.placement.where() == Placement.Where.MEMORY) {
                inMemory.add(p.rule);
                rowRuleInMemory |= p.rowLevel;
            }
        }
        SuiteResult memory = inMemory.isEmpty() ? null : inMemory(suite.name(), inMemory, shape, schema,
                aggregate.rows);
        Map<Planned, Double> values = new IdentityHashMap<>();
        for (int i = 0; i < inSql.size(); i++) {
            values.put(inSql.get(i), aggregate.values[i]);
        }
        List<RuleOutcome> outcomes = new ArrayList<>();
        int m = 0;
        for (Planned p : plan) {
            switch (p.placement.where()) {
                case SQL -> outcomes.add(annotate(judge(c, shape.table(), p, values.get(p), aggregate.rows),
                        "in SQL"));
                case MEMORY -> outcomes.add(annotate(memory.outcomes().get(m++), p.placement.reason()));
                default -> outcomes.add(new RuleOutcome.Errored(p.rule.name(), Double.NaN, "rule " + p.rule.name()
                        + " cannot run on table " + shape.table() + ": " + p.placement.reason()));
            }
        }
        boolean rowRuleInSql = plan.stream().anyMatch(p -> p.placement.where() == Placement.Where.SQL
                && p.rowRuleInSql());
        long rowsFailingAny = rowRuleInSql && rowRuleInMemory ? -1
                : rowRuleInSql ? aggregate.rowsFailingAny : memory == null ? 0 : memory.rowsFailingAny();
        Map<String, SuiteResult.Level> levels = new LinkedHashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            Planned p = plan.get(i);
            SuiteResult.Level level = p.spec != null ? (p.spec.kind().rowLevel() ? SuiteResult.Level.ROW
                    : SuiteResult.Level.DATASET) : memory == null ? null : memory.levels().get(p.rule.name());
            if (level != null) {
                levels.put(outcomes.get(i).rule(), level);
            }
        }
        SuiteResult result = new SuiteResult(suite.name(), aggregate.rows, outcomes, rowsFailingAny, levels);
        if (suite.scoreThreshold().isEmpty()) {
            return result;
        }
        RuleOutcome score = suite.scoreThreshold().get().judge(result.score());
        outcomes.add(score);
        levels.put(score.rule(), SuiteResult.Level.DATASET);
        return new SuiteResult(suite.name(), aggregate.rows, outcomes, rowsFailingAny, levels);
    }

    private static List<Planned> moveToMemory(List<Planned> plan, List<Planned> moved, SqlDialect d,
                                              SQLException cause) {
        // the database's message may quote a value of the table: only its SQL state is shown
        String state = cause == null || cause.getSQLState() == null ? "" : " (SQLSTATE " + cause.getSQLState() + ")";
        List<Planned> replanned = new ArrayList<>();
        for (Planned p : plan) {
            replanned.add(moved.contains(p) ? new Planned(p.rule, new Placement(p.rule.name(), Placement.Where.MEMORY,
                    "in memory: " + d.name() + " could not compute it" + state), p.spec, null, List.of(), p.rowLevel)
                    : p);
        }
        return replanned;
    }

    /** After a failed statement: a transaction the connection is in is rolled back so that the next can run. */
    private static void recover(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.rollback();
        }
    }

    /** The aggregate query's values: the row count, one value per SQL rule, and the rows failing any row rule. */
    private record AggregateRow(long rows, Double[] values, long rowsFailingAny) {
    }

    private static AggregateRow aggregate(Connection c, String table, List<Planned> inSql) throws SQLException {
        StringBuilder select = new StringBuilder("SELECT COUNT(*)");
        List<Object> parameters = new ArrayList<>();
        List<Planned> rowRules = new ArrayList<>();
        for (Planned p : inSql) {
            if (p.rowRuleInSql()) {
                select.append(", SUM(CASE WHEN ").append(p.sql).append(" THEN 1 ELSE 0 END)");
                rowRules.add(p);
            } else {
                select.append(", ").append(p.sql);
            }
            parameters.addAll(p.parameters);
        }
        if (!rowRules.isEmpty()) {
            select.append(", SUM(CASE WHEN ");
            for (int i = 0; i < rowRules.size(); i++) {
                select.append(i == 0 ? "(" : " OR (").append(rowRules.get(i).sql).append(')');
                parameters.addAll(rowRules.get(i).parameters);
            }
            select.append(" THEN 1 ELSE 0 END)");
        }
        select.append(" FROM ").append(table);
        try (PreparedStatement st = c.prepareStatement(select.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                st.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                long rows = rs.getLong(1);
                Double[] values = new Double[inSql.size()];
                for (int i = 0; i < values.length; i++) {
                    double v = rs.getDouble(i + 2);
                    values[i] = rs.wasNull() ? null : v; // SQL's null (no values) is not NaN (a NaN statistic)
                }
                long any = rowRules.isEmpty() ? 0 : rs.getLong(inSql.size() + 2);
                return new AggregateRow(rows, values, any);
            }
        }
    }

    /**
     * The rules that run in memory, over the table's rows streamed once. Their outcomes are errored, saying why,
     * when a row could not be read as its column's type or the table changed after the aggregate query.
     */
    private SuiteResult inMemory(String suite, List<Rule> rules, TableShape shape, Schema schema, long rowsInSql) {
        Suite.State state = Suite.of(suite, rules).compile(schema).newState();
        List<String> columns = new ArrayList<>(shape.types().keySet());
        JdbcSource source = JdbcSource.of(dataSource, "SELECT " + String.join(", ", columns) + " FROM "
                + shape.table(), List.of(), schema, fetchSize);
        long[] unreadable = {0};
        // column batches: numbers go from the driver into primitive arrays, and the rules that scan columns do
        try (ColumnCursor cursor = source.openColumns(Suite.Compiled.BATCH_ROWS)) {
            Consumer<Rejection> count = rejection -> unreadable[0]++;
            for (ColumnBatch b = cursor.next(count); b != null; b = cursor.next(count)) {
                state.accept(b);
            }
        }
        SuiteResult result = state.result();
        String problem = unreadable[0] > 0 ? unreadable[0] + " rows of " + shape.table()
                + " could not be read as their column types" : result.rows() != rowsInSql ? "table " + shape.table()
                + " changed while the suite ran (" + rowsInSql + " rows counted in SQL, " + result.rows()
                + " read)" : null;
        if (problem == null) {
            return result;
        }
        List<RuleOutcome> errored = new ArrayList<>();
        for (RuleOutcome o : result.outcomes()) {
            errored.add(new RuleOutcome.Errored(o.rule(), Double.NaN, problem));
        }
        return new SuiteResult(suite, result.rows(), errored, -1, result.levels());
    }

    /** Judges a rule from its SQL value, as its kind's SQL form says the value is to be read. */
    private static RuleOutcome judge(Connection c, String table, Planned p, Double value, long rows)
            throws SQLException {
        String name = p.rule.name();
        RuleSpec s = p.spec;
        switch (s.kind().sqlForm()) {
            case FAILING_ROWS: {
                long failing = value == null ? 0 : value.longValue();
                double passing = rows == 0 ? 1 : (double) (rows - failing) / rows;
                Severity level = s.rowOptions().judge(rows, failing);
                if (level == null) {
                    return new RuleOutcome.Passed(name, passing, failing + " of " + rows + " rows fail");
                }
                return new RuleOutcome.Failed(name, passing, failing + " of " + rows + " rows fail", level, failing,
                        List.of(), List.of());
            }
            case DISTINCT_KEYS:
                return distinctKeys(c, table, p, name, s);
            case ONCE_KEYS: {
                List<String> keyColumns = keyColumns(s);
                String cols = String.join(", ", keyColumns);
                String present = String.join(" AND ", keyColumns.stream().map(k -> k + " IS NOT NULL").toList());
                long once = count(c, "SELECT COUNT(*) FROM (SELECT " + cols + " FROM " + table + " WHERE " + present
                        + " GROUP BY " + cols + " HAVING COUNT(*) = 1) g");
                return atSpecSeverity(MetricBounds.judge(name, rows == 0 ? 1 : (double) once / rows, s.min(),
                        s.max(), "uniqueness"), s);
            }
            case METRIC: {
                if (value == null) {
                    return new RuleOutcome.Errored(name, Double.NaN, "no values");
                }
                double min = s.min() == null ? Double.NEGATIVE_INFINITY : s.min();
                double max = s.max() == null ? Double.POSITIVE_INFINITY : s.max();
                return atSpecSeverity(MetricBounds.judge(name, value, min, max, s.type()), s);
            }
            default:
                throw new IllegalStateException("rule " + name + " has no SQL form");
        }
    }

    /** A dataset-level failure at the severity the spec gives (the metrics judge at ERROR). */
    private static RuleOutcome atSpecSeverity(RuleOutcome o, RuleSpec s) {
        return o instanceof RuleOutcome.Failed f ? new RuleOutcome.Failed(f.rule(), f.metric(), f.message(),
                s.failureSeverity(), 0, List.of(), List.of()) : o;
    }

    /** The spec's key columns as the SQL names them. */
    private static List<String> keyColumns(RuleSpec s) {
        // the names were checked by the kind's sql()
        return s.columns().stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    }

    /** Uniqueness: the rows, less those left out for an empty key, against the number of distinct keys. */
    private static RuleOutcome distinctKeys(Connection c, String table, Planned p, String name, RuleSpec s)
            throws SQLException {
        // skipNulls leaves rows with an empty key column out
        List<String> keyColumns = keyColumns(s);
        String cols = String.join(", ", keyColumns);
        String where = Boolean.TRUE.equals(s.skipNulls()) ? " WHERE " + String.join(" AND ", keyColumns.stream()
                .map(k -> k + " IS NOT NULL").toList()) : "";
        long kept = count(c, "SELECT COUNT(*) FROM " + table + where);
        long groups = count(c, "SELECT COUNT(*) FROM (SELECT " + cols + " FROM " + table + where + " GROUP BY " + cols
                + ") g");
        long duplicates = kept - groups;
        double metric = kept == 0 ? 1 : (double) groups / kept;
        return duplicates == 0 ? new RuleOutcome.Passed(name, metric, groups + " distinct of " + kept + " rows")
                : new RuleOutcome.Failed(name, metric, duplicates + " duplicate rows", s.failureSeverity(), duplicates,
                List.of(), List.of());
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The outcome with where it was computed at the end of its message. */
    private static RuleOutcome annotate(RuleOutcome o, String where) {
        String message = o.message() + " (" + where + ")";
        if (o instanceof RuleOutcome.Passed p) {
            return new RuleOutcome.Passed(p.rule(), p.metric(), message);
        }
        if (o instanceof RuleOutcome.Failed f) {
            return new RuleOutcome.Failed(f.rule(), f.metric(), message, f.severity(), f.failingRows(), f.topValues(),
                    f.samples());
        }
        return new RuleOutcome.Errored(o.rule(), o.metric(), message);
    }

    private static Object rowValue(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof Date d) {
            return d.toLocalDate();
        }
        if (v instanceof Timestamp ts) {
            return ts.toInstant();
        }
        return v;
    }
}

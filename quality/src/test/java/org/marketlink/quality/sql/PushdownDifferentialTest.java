package org.marketlink.quality.sql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteFiles;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.drift.ReferenceProfile;
import org.marketlink.quality.rules.References;
import org.marketlink.quality.rules.RuleKind;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every rule kind a file can hold, random tables (nulls, NaN, ±0, infinities, extremes, duplicates, blank and
 * non-BMP text) are judged four ways that must agree: by the in-memory engine, by {@link Pushdown} on DuckDB, on
 * PostgreSQL and on H2, and by an SQL written here independently of the library's (DuckDB's {@code count_if},
 * {@code isnan}, {@code list_contains}, {@code regexp_full_match}). Estimated metrics are checked against the exact
 * value within their stated error.
 */
class PushdownDifferentialTest {
    private static final int ROWS = 400;
    private static final Schema SCHEMA = Schema.of(Field.optional("id", FieldType.LONG),
            Field.optional("n", FieldType.LONG), Field.optional("d", FieldType.DOUBLE),
            Field.optional("s", FieldType.STRING), Field.optional("ts", FieldType.TIMESTAMP),
            Field.optional("seen", FieldType.TIMESTAMP), Field.optional("sold_on", FieldType.DATE));
    private static final String[] TEXT = {"a", "b", "abc", "Zoë", "日本", "🍅", "🍅🍅x", "", " ", "\t", " \n ",
        "\u2003", "\u00A0", "x y", "A-1", "123", " 42", "-7", "1e3", "zz", "παράδειγμα"};
    /** The keys the references rules look up: some of the texts, and the longs 0 to 9. */
    private static final List<String> TEXT_KEYS = List.of("a", "b", "abc", "Zoë", "🍅", "", " ", "123");
    private static final List<Long> NUMBER_KEYS = List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    static Path dir;
    private static final Map<Databases, DataSource> DATABASES = new EnumMap<>(Databases.class);

    @BeforeAll
    static void open() {
        for (Databases db : Databases.values()) {
            DATABASES.put(db, db.open(dir));
        }
    }

    @AfterAll
    static void close() {
        DATABASES.clear();
    }

    /** One rule of the suite with the SQL that computes its metric independently, or null where there is none. */
    private record Check(String yaml, String independent, Metric metric) {
    }

    /** How the independent SQL's value becomes the rule's metric. */
    private enum Metric {
        /** The SQL counts failing rows; the metric is the passing share. */
        FAILING,
        /** The SQL is the metric. */
        VALUE,
        /** The SQL is the exact value an estimate must come within 5% of. */
        ESTIMATED_COUNT,
        /** No independent SQL: the four engines are compared with each other only. */
        NONE
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void everyKind_sameInMemory_inEachDatabase_andByIndependentSql(int seed) throws SQLException {
        Random r = new Random(seed);
        boolean extremes = seed % 3 == 0; // ±Double.MAX_VALUE: sums overflow, as hostile tables make them
        List<Row> rows = rows(r, extremes);
        List<Check> checks = checks(r, extremes);
        StringBuilder yaml = new StringBuilder("name: diff\nrules:\n");
        for (int i = 0; i < checks.size(); i++) {
            yaml.append("  - {name: 'r").append(i).append("', ").append(checks.get(i).yaml).append("}\n");
        }
        ReferenceProfile.Builder base = ReferenceProfile.builder("base", SCHEMA).maxSample(200);
        rows(new Random(seed + 100), extremes).forEach(base::accept);
        Set<Object> numberKeys = new HashSet<>(NUMBER_KEYS);
        References refs = References.of(Map.of("keys.s", Set.copyOf(TEXT_KEYS), "keys.n", numberKeys),
                List.of(base.build()));
        Suite suite = SuiteFiles.readYaml(yaml.toString(), refs);
        assertThat(kindsIn(suite)).as("every kind a file can hold is checked").containsAll(fileKinds());
        SuiteResult memory = suite.compile(SCHEMA).run(rows);
        // H2 stores -0.0 as 0.0: the rows it holds are judged in memory as it holds them
        SuiteResult memoryAsH2Holds = suite.compile(SCHEMA).run(rows.stream().map(row -> row.get(2) instanceof Double
                x && x == 0 ? Row.of(SCHEMA, row.get(0), row.get(1), 0.0, row.get(3), row.get(4), row.get(5),
                row.get(6)) : row).toList());
        String table = "t" + seed;

        Map<Databases, SuiteResult> pushed = new EnumMap<>(Databases.class);
        for (Databases db : Databases.values()) {
            load(db, DATABASES.get(db), table, rows);
            Pushdown pushdown = Pushdown.on(DATABASES.get(db));
            SuiteResult result = pushdown.run(suite, table);
            pushed.put(db, result);
            // each outcome says how its rule judged, in SQL as in memory
            assertThat(result.levels()).as(db.name()).isEqualTo(memory.levels()).hasSize(checks.size());
            List<Placement> plan = pushdown.plan(suite, table);
            for (int i = 0; i < checks.size(); i++) {
                Placement p = plan.get(i);
                RuleOutcome o = result.outcomes().get(i);
                assertThat(p.where()).as(db + " " + checks.get(i).yaml).isNotEqualTo(Placement.Where.NOT_RUN);
                // a sum the database cannot hold (±Double.MAX_VALUE) moves its rule to memory when the run finds it
                boolean moved = p.where() == Placement.Where.SQL && o.message().matches(
                        ".*\\(in memory: [A-Z0-9]+ could not compute it( \\(SQLSTATE 22[0-9A-Z]{3}\\))?\\)");
                assertThat(moved || o.message().endsWith("(" + p.reason() + ")")).as(db + " " + checks.get(i).yaml
                        + ": " + o.message()).isTrue();
            }
            assertThat(plan.stream().filter(p -> p.where() == Placement.Where.SQL).count()).as(db.name())
                    .isGreaterThanOrEqualTo(25);
        }
        assertThat(memory.outcomes().stream().filter(o -> o instanceof RuleOutcome.Failed).count())
                .as("the data makes rules fail").isGreaterThan(10);
        assertThat(memory.outcomes().stream().filter(o -> o instanceof RuleOutcome.Passed).count())
                .as("and pass").isGreaterThan(5);

        try (Connection duck = DATABASES.get(Databases.DUCKDB).getConnection()) {
            for (int i = 0; i < checks.size(); i++) {
                Check check = checks.get(i);
                String what = "seed " + seed + " " + check.yaml;
                for (Databases db : Databases.values()) {
                    RuleOutcome m = (db == Databases.H2 ? memoryAsH2Holds : memory).outcomes().get(i);
                    RuleOutcome o = pushed.get(db).outcomes().get(i);
                    assertThat(o.getClass()).as(db + " " + what + ": " + o.message() + " / " + m.message())
                            .isEqualTo(m.getClass());
                    if (check.yaml.contains("freshness")) {
                        continue; // its metric is an age, measured when each outcome is made
                    }
                    boolean estimated = check.metric == Metric.ESTIMATED_COUNT || check.yaml.contains("quantile")
                            && !check.yaml.contains("exact");
                    if (!estimated || !check.yaml.contains("quantile")) {
                        assertClose(o.metric(), m.metric(), db + " " + what);
                    }
                    if (m instanceof RuleOutcome.Failed fm) {
                        RuleOutcome.Failed fo = (RuleOutcome.Failed) o;
                        assertThat(fo.failingRows()).as(db + " " + what).isEqualTo(fm.failingRows());
                        assertThat(fo.severity()).as(db + " " + what).isEqualTo(fm.severity());
                    }
                }
                independent(duck, table, check, memory.outcomes().get(i), what);
            }
        }
        assertThat(pushed.get(Databases.DUCKDB).rows()).isEqualTo(ROWS);
    }

    private static void independent(Connection duck, String table, Check check, RuleOutcome m, String what)
            throws SQLException {
        if (check.metric == Metric.NONE) {
            return;
        }
        if (check.yaml.contains("quantile") && !check.yaml.contains("exact")) {
            // an estimated quantile: its value's rank among the finite values is within 5% of q
            double q = Double.parseDouble(check.independent);
            double v = m.metric();
            double n = value(duck, "SELECT count_if(isfinite(d)) FROM " + table);
            double below = value(duck, "SELECT count_if(isfinite(d) AND d < " + v + ") FROM " + table);
            double atOrBelow = value(duck, "SELECT count_if(isfinite(d) AND d <= " + v + ") FROM " + table);
            assertThat(below / n).as(what).isLessThanOrEqualTo(q + 0.05);
            assertThat(atOrBelow / n).as(what).isGreaterThanOrEqualTo(q - 0.05);
            return;
        }
        double expected = value(duck, check.independent.replace("{t}", table));
        switch (check.metric) {
            case FAILING -> assertClose(m.metric(), (ROWS - expected) / ROWS, "independent " + what);
            case VALUE -> assertClose(m.metric(), expected, "independent " + what);
            case ESTIMATED_COUNT -> assertThat(m.metric()).as("independent " + what)
                    .isBetween(expected * 0.95, expected * 1.05);
            default -> throw new AssertionError(check.metric);
        }
    }

    private static double value(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            double v = rs.getDouble(1);
            return rs.wasNull() ? Double.NaN : v;
        }
    }

    private static void assertClose(double actual, double expected, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
            return;
        }
        if (Double.isInfinite(expected)) {
            assertThat(actual).as(what).isEqualTo(expected);
            return;
        }
        assertThat(Math.abs(actual - expected)).as(what + ": " + actual + " vs " + expected)
                .isLessThanOrEqualTo(Math.abs(expected) * 1e-9 + 1e-12);
    }

    /** The rules, with random bounds and values drawn from the data's own pools. */
    private static List<Check> checks(Random r, boolean extremes) {
        double lo = Math.round(r.nextDouble() * 20 * 100) / 100.0;
        double hi = lo + Math.round(r.nextDouble() * 40 * 100) / 100.0;
        long nlo = r.nextInt(-3, 5);
        long nhi = nlo + r.nextInt(5, 40);
        int lmin = r.nextInt(0, 2);
        int lmax = lmin + r.nextInt(0, 4);
        double q = Math.round(r.nextDouble() * 100) / 100.0;
        List<String> set = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            set.add(TEXT[r.nextInt(TEXT.length)]);
        }
        List<Check> c = new ArrayList<>();
        c.add(fails("type: complete, column: s",
                "s IS NULL OR regexp_replace(s, '[ \t\n\u2003]', '', 'g') = ''"));
        c.add(fails("type: complete, column: d", "d IS NULL"));
        c.add(fails("type: notNull, column: id, maxFailing: 25", "id IS NULL"));
        c.add(fails("type: notNull, column: s, mostly: 0.97, severity: WARNING", "s IS NULL"));
        c.add(fails("type: between, column: d, min: " + lo + ", max: " + hi,
                "d IS NOT NULL AND (isnan(d) OR d < " + lo + " OR d > " + hi + ")"));
        c.add(fails("type: between, column: d, min: " + lo + ", max: " + hi + ", inclusive: false",
                "d IS NOT NULL AND (isnan(d) OR d <= " + lo + " OR d >= " + hi + ")"));
        c.add(fails("type: between, column: n, min: " + nlo + ", max: " + nhi + ", mostly: 0.5",
                "n < " + nlo + " OR n > " + nhi));
        c.add(fails("type: nonNegative, column: d", "d IS NOT NULL AND (isnan(d) OR d < 0)"));
        c.add(fails("type: nonNegative, column: n, errorAbove: 0.3", "n < 0"));
        c.add(fails("type: positive, column: d", "d IS NOT NULL AND (isnan(d) OR d <= 0 OR isinf(d))"));
        c.add(fails("type: positive, column: n", "n <= 0"));
        c.add(fails("type: inSet, column: s, values: [" + quoted(set) + "]",
                "s IS NOT NULL AND NOT list_contains([" + sqlList(set) + "], s)"));
        c.add(fails("type: inSet, column: n, values: ['1', '2', '-3', '7', 'x']",
                "n IS NOT NULL AND NOT list_contains(['1', '2', '-3', '7', 'x'], CAST(n AS VARCHAR))"));
        c.add(new Check("type: inSet, column: d, values: ['0.0', '1.5', 'NaN']", null, Metric.NONE));
        c.add(fails("type: matches, column: s, pattern: '[a-z]+'",
                "s IS NOT NULL AND NOT regexp_full_match(s, '[a-z]+')"));
        c.add(new Check("type: parsesAs, column: s, values: [LONG]", null, Metric.NONE));
        c.add(fails("type: length, column: s, min: " + lmin + ", max: " + lmax,
                "s IS NOT NULL AND (length(s) < " + lmin + " OR length(s) > " + lmax + ")"));
        c.add(new Check("type: length, column: n, min: 1, max: 2", null, Metric.NONE));
        c.add(new Check("type: compare, columns: [d, n], values: ['>=']", null, Metric.NONE));
        c.add(fails("type: timeBetween, column: ts, from: '2026-01-03T00:00:00Z', to: '2026-01-20T12:00:00Z'",
                "ts IS NOT NULL AND (ts < TIMESTAMPTZ '2026-01-03 00:00:00+00' OR ts > TIMESTAMPTZ "
                        + "'2026-01-20 12:00:00+00')"));
        c.add(fails("type: timeBetween, column: sold_on, from: '2026-01-05', to: '2026-02-01'",
                "sold_on IS NOT NULL AND (sold_on < DATE '2026-01-05' OR sold_on > DATE '2026-02-01')"));
        c.add(value("type: unique, columns: [id]",
                "SELECT (SELECT count(*) FROM (SELECT DISTINCT id FROM {t})) / count(*) FROM {t}"));
        c.add(value("type: unique, columns: [id], skipNulls: true, severity: INFO",
                "SELECT (SELECT count(*) FROM (SELECT DISTINCT id FROM {t} WHERE id IS NOT NULL)) / count(id) FROM {t}"));
        c.add(value("type: unique, columns: [s, n]",
                "SELECT (SELECT count(*) FROM (SELECT DISTINCT s, n FROM {t})) / count(*) FROM {t}"));
        c.add(value("type: unique, columns: [d]",
                "SELECT (SELECT count(*) FROM (SELECT DISTINCT d FROM {t})) / count(*) FROM {t}"));
        c.add(value("type: primaryKey, columns: [id]", "SELECT count(DISTINCT id) / count(*) FROM {t}"));
        c.add(value("type: uniquenessBetween, columns: [id], min: 0.9, max: 1",
                "SELECT (SELECT count(*) FROM (SELECT id FROM {t} WHERE id IS NOT NULL GROUP BY id HAVING count(*) "
                        + "= 1)) / count(*) FROM {t}"));
        c.add(value("type: uniquenessBetween, columns: [s, n], min: 0, max: 1",
                "SELECT (SELECT count(*) FROM (SELECT s, n FROM {t} WHERE s IS NOT NULL AND n IS NOT NULL GROUP BY "
                        + "s, n HAVING count(*) = 1)) / count(*) FROM {t}"));
        c.add(value("type: uniquenessBetween, columns: [d], min: 0, max: 1",
                "SELECT (SELECT count(*) FROM (SELECT d FROM {t} WHERE d IS NOT NULL GROUP BY d HAVING count(*) "
                        + "= 1)) / count(*) FROM {t}"));
        c.add(value("type: rowCount, min: 1, max: 1000", "SELECT count(*) FROM {t}"));
        c.add(value("type: rowCount, min: 1000, max: 2000, severity: WARNING", "SELECT count(*) FROM {t}"));
        c.add(value("type: meanBetween, column: d, min: 0, max: " + hi,
                // each value divided by the count first: a plain sum of two values near Double.MAX_VALUE overflows
                "SELECT sum(d / c) FROM {t}, (SELECT count_if(isfinite(d)) AS c FROM {t}) WHERE isfinite(d)"));
        c.add(value("type: meanBetween, column: n, min: 0, max: 30", "SELECT avg(n) FROM {t}"));
        c.add(value("type: stddevBetween, column: d, min: 0, max: 30",
                extremes
                        // two passes, each deviation scaled down before it is squared and divided by n - 1 before
                        // it is summed: values near Double.MAX_VALUE overflow DuckDB's stddev_samp (an error)
                        ? "WITH f AS (SELECT d FROM {t} WHERE isfinite(d)), k AS (SELECT count(*) AS c FROM f), "
                                + "mu AS (SELECT sum(d / c) AS m FROM f, k) SELECT sqrt(sum((d / 1e155 - m / 1e155) "
                                + "* (d / 1e155 - m / 1e155) / (c - 1))) * 1e155 FROM f, k, mu"
                        : "SELECT stddev_samp(d) FILTER (WHERE isfinite(d)) FROM {t}"));
        c.add(value("type: stddevBetween, column: n, min: 0, max: 30", "SELECT stddev_samp(n) FROM {t}"));
        c.add(value("type: populationStddevBetween, column: d, min: 0, max: 30",
                extremes
                        ? "WITH f AS (SELECT d FROM {t} WHERE isfinite(d)), k AS (SELECT count(*) AS c FROM f), "
                                + "mu AS (SELECT sum(d / c) AS m FROM f, k) SELECT sqrt(sum((d / 1e155 - m / 1e155) "
                                + "* (d / 1e155 - m / 1e155) / c)) * 1e155 FROM f, k, mu"
                        : "SELECT stddev_pop(d) FILTER (WHERE isfinite(d)) FROM {t}"));
        c.add(value("type: populationStddevBetween, column: n, min: 0, max: 30", "SELECT stddev_pop(n) FROM {t}"));
        c.add(value("type: minBetween, column: d, min: " + (-hi) + ", max: " + hi,
                "SELECT min(d) FILTER (WHERE NOT isnan(d)) FROM {t}"));
        c.add(value("type: maxBetween, column: d, min: 0, max: " + hi,
                "SELECT max(d) FILTER (WHERE NOT isnan(d)) FROM {t}"));
        c.add(value("type: minBetween, column: n, min: -3, max: 10", "SELECT min(n) FROM {t}"));
        c.add(value("type: maxBetween, column: n, min: 0, max: 60", "SELECT max(n) FROM {t}"));
        c.add(value("type: distinctCount, column: s, min: 0, max: 300, exact: true",
                "SELECT count(DISTINCT s) FROM {t}"));
        c.add(value("type: distinctCount, column: d, min: 0, max: 300, exact: true",
                "SELECT count(DISTINCT d) FROM {t}"));
        c.add(value("type: distinctCount, column: n, min: 10, max: 300, exact: true",
                "SELECT count(DISTINCT n) FROM {t}"));
        c.add(new Check("type: distinctCount, column: s, min: 0, max: 300", "SELECT count(DISTINCT s) FROM {t}",
                Metric.ESTIMATED_COUNT));
        c.add(value("type: quantile, column: d, q: " + q + ", min: 0, max: " + hi + ", exact: true",
                "SELECT d FROM {t} WHERE isfinite(d) ORDER BY d LIMIT 1 OFFSET (SELECT greatest(0, CAST(ceil("
                        + q + " * count_if(isfinite(d))) AS BIGINT) - 1) FROM {t})"));
        c.add(value("type: quantile, column: n, q: " + q + ", min: 0, max: 20, exact: true",
                "SELECT n FROM {t} WHERE n IS NOT NULL ORDER BY n LIMIT 1 OFFSET (SELECT greatest(0, CAST(ceil("
                        + q + " * count(n)) AS BIGINT) - 1) FROM {t})"));
        c.add(new Check("type: quantile, column: d, q: " + q + ", min: -1.0e300, max: 1.0e300", String.valueOf(q),
                Metric.VALUE));
        c.add(new Check("type: freshness, column: ts, maxAge: 30d", null, Metric.NONE));
        c.add(new Check("type: freshness, column: seen, maxAge: 3650d", null, Metric.NONE));
        c.add(fails("type: references, column: s, reference: keys.s",
                "s IS NOT NULL AND NOT list_contains([" + sqlList(TEXT_KEYS) + "], s)"));
        c.add(fails("type: references, column: n, reference: keys.n, mostly: 0.5",
                "n IS NOT NULL AND NOT list_contains([" + String.join(", ", NUMBER_KEYS.stream().map(String::valueOf)
                        .toList()) + "], n)"));
        c.add(new Check("type: ksDrift, column: d, reference: base, max: 0.2", null, Metric.NONE));
        c.add(new Check("type: psiDrift, column: s, reference: base, max: 0.5", null, Metric.NONE));
        c.add(new Check("type: chiSquareDrift, column: s, reference: base, min: 0.01", null, Metric.NONE));
        c.add(new Check("type: columnExists, column: s", null, Metric.NONE));
        c.add(new Check("type: columnExists, column: nope", null, Metric.NONE));
        return c;
    }

    private static Check fails(String yaml, String failingPredicate) {
        return new Check(yaml, "SELECT count_if(" + failingPredicate + ") FROM {t}", Metric.FAILING);
    }

    private static Check value(String yaml, String sql) {
        return new Check(yaml, sql, Metric.VALUE);
    }

    /** YAML flow scalars: single-quoted, or double-quoted with escapes when a value holds a tab or a newline. */
    private static String quoted(List<String> values) {
        return values.stream().map(v -> v.contains("\n") || v.contains("\t")
                ? "\"" + v.replace("\n", "\\n").replace("\t", "\\t") + "\""
                : "'" + v.replace("'", "''") + "'").collect(Collectors.joining(", "));
    }

    private static String sqlList(List<String> values) {
        return values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(", "));
    }

    private static List<Row> rows(Random r, boolean extremes) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            Long id = r.nextInt(20) == 0 ? null : r.nextInt(30) == 0 ? (r.nextBoolean() ? Long.MAX_VALUE
                    : Long.MIN_VALUE) : (long) r.nextInt(ROWS * 9 / 10);
            Long n = r.nextInt(25) == 0 ? null : r.nextInt(40) == 0 ? (r.nextBoolean() ? 1_000_000L : -1_000_000L)
                    : (long) r.nextInt(-5, 50);
            Double d = number(r, extremes);
            String s = r.nextInt(15) == 0 ? null : r.nextInt(3) == 0 ? "w" + r.nextInt(60) : TEXT[r.nextInt(
                    TEXT.length)];
            Instant ts = r.nextInt(20) == 0 ? null : T0.plusSeconds(r.nextInt(30 * 86_400));
            Instant seen = r.nextInt(20) == 0 ? null : T0.minusSeconds(r.nextInt(400 * 86_400));
            LocalDate day = r.nextInt(20) == 0 ? null : LocalDate.of(2026, 1, 1).plusDays(r.nextInt(40));
            rows.add(Row.of(SCHEMA, id, n, d, s, ts, seen, day));
        }
        return rows;
    }

    private static Double number(Random r, boolean extremes) {
        int k = r.nextInt(100);
        if (k < 5) {
            return null;
        }
        if (k < 8) {
            return Double.NaN;
        }
        if (k < 10) {
            return Double.POSITIVE_INFINITY;
        }
        if (k < 12) {
            return Double.NEGATIVE_INFINITY;
        }
        if (k < 15) {
            return 0.0;
        }
        if (k < 18) {
            return -0.0;
        }
        if (k < 19) {
            return extremes ? Double.MAX_VALUE : Double.MIN_VALUE;
        }
        if (k < 20) {
            return extremes ? -Double.MAX_VALUE : -Double.MIN_VALUE;
        }
        return Math.round((r.nextGaussian() * 20 + 25) * 4) / 4.0; // quarters: exact in binary, repeated often
    }

    private static void load(Databases db, DataSource ds, String table, List<Row> rows) throws SQLException {
        try (Connection c = ds.getConnection()) {
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + table);
                st.execute("CREATE TABLE " + table + " (id BIGINT, n BIGINT, d " + db.doubleType + ", s VARCHAR(100), "
                        + "ts " + db.instantType + ", seen TIMESTAMP, sold_on DATE)");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Row row : rows) {
                    set(insert, 1, row.get(0), Types.BIGINT);
                    set(insert, 2, row.get(1), Types.BIGINT);
                    set(insert, 3, row.get(2), Types.DOUBLE);
                    set(insert, 4, row.get(3), Types.VARCHAR);
                    Instant ts = (Instant) row.get(4);
                    set(insert, 5, ts == null ? null : ts.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
                    Instant seen = (Instant) row.get(5);
                    set(insert, 6, seen == null ? null : LocalDateTime.ofInstant(seen, ZoneOffset.UTC),
                            Types.TIMESTAMP);
                    set(insert, 7, row.get(6), Types.DATE);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    private static void set(PreparedStatement st, int i, Object v, int type) throws SQLException {
        if (v == null) {
            st.setNull(i, type);
        } else {
            st.setObject(i, v);
        }
    }

    private static Set<RuleKind> kindsIn(Suite suite) {
        Set<RuleKind> kinds = EnumSet.noneOf(RuleKind.class);
        suite.rules().forEach(rule -> rule.spec().ifPresent(s -> kinds.add(s.kind())));
        return kinds;
    }

    private static Set<RuleKind> fileKinds() {
        Set<RuleKind> kinds = EnumSet.noneOf(RuleKind.class);
        for (RuleKind k : RuleKind.values()) {
            if (k.inFiles()) {
                kinds.add(k);
            }
        }
        return kinds;
    }
}

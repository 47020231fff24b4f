package org.marketlink.quality.sql;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.ScoreThreshold;
import org.marketlink.quality.Severity;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteFiles;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.rules.RuleOptions;
import org.marketlink.quality.rules.Rules;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pushdown on DuckDB through a plain host data source: names checked, scores, what runs where. */
class PushdownTest {
    private static final Schema S = Schema.of(Field.optional("id", FieldType.LONG),
            Field.optional("status", FieldType.STRING), Field.optional("price", FieldType.DOUBLE));
    private static final List<Row> ROWS = List.of(Row.of(S, 1L, "A", 2.0), Row.of(S, 2L, "B", -1.0),
            Row.of(S, 2L, null, 3.0), Row.of(S, 4L, "A", null), Row.of(S, 5L, "Z", 7.5));

    @TempDir
    static Path dir;
    private static DataSource duck;

    @BeforeAll
    static void load() throws SQLException {
        duck = Databases.DUCKDB.open(dir);
        try (Connection c = duck.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE sales (id BIGINT, status VARCHAR, price DOUBLE)");
            st.execute("INSERT INTO sales VALUES (1, 'A', 2.0), (2, 'B', -1.0), (2, NULL, 3.0), (4, 'A', NULL), "
                    + "(5, 'Z', 7.5)");
        }
    }

    @Test
    void rowScore_isCountedInSql_whenEveryRowRuleRunsThere() {
        Suite suite = Suite.of("s", Rules.complete("status"), Rules.nonNegative("price"),
                Rules.inSet("status", Set.of("A", "B")), Rules.unique("id"))
                .withScoreThreshold(new ScoreThreshold(0.9, 0.0, Severity.WARNING));
        SuiteResult memory = suite.compile(S).run(ROWS);
        SuiteResult sql = Pushdown.on(duck).run(suite, "sales");
        // rows 2 (negative), 3 (missing status) and 5 (Z) fail a row rule: 2 of 5 pass every one
        assertThat(sql.score()).isEqualTo(memory.score());
        assertThat(sql.score().rows()).isEqualTo(0.4);
        assertThat(sql.outcome(ScoreThreshold.RULE_NAME)).isInstanceOf(RuleOutcome.Failed.class);
        assertThat(sql.outcomes()).allSatisfy(o -> assertThat(o.message()).doesNotContain("in memory"));
    }

    @Test
    void rowScore_isUnknown_whenRowRulesRunInBothPlaces() {
        Suite suite = Suite.of("s", Rules.complete("status"), Rules.matches("status", "[AB]", RuleOptions.strict()));
        SuiteResult sql = Pushdown.on(duck).run(suite, "sales");
        assertThat(sql.score().rows()).isNaN();
        assertThat(sql.outcomes().get(1).message()).endsWith("(in memory: matches has no SQL form)");
        assertThat(sql.outcomes().get(1)).isEqualTo(RuleOutcome.class.cast(withMessage(
                suite.compile(S).run(ROWS).outcomes().get(1), "(in memory: matches has no SQL form)")));
    }

    @Test
    void onlyInMemoryRules_giveTheInMemoryScore() {
        Suite suite = Suite.of("s", Rules.matches("status", "[AB]", RuleOptions.strict()),
                Rules.satisfies("cheap", "price", row -> row.get(2) == null || (Double) row.get(2) < 5, "dear",
                        RuleOptions.strict()));
        SuiteResult r = Pushdown.on(duck).run(suite, "sales");
        assertThat(r.score()).isEqualTo(suite.compile(S).run(ROWS).score());
        assertThat(r.level("cheap")).contains(SuiteResult.Level.ROW);
    }

    @Test
    void namesAreChecked_andAMissingColumnIsAnOutcome() {
        Suite suite = SuiteFiles.readYaml("""
                name: s
                rules:
                  - {type: notNull, column: "status; DROP TABLE sales"}
                  - {type: notNull, column: nope}
                  - {type: between, column: status, min: 0, max: 1}
                  - {type: rowCount, min: 1, max: 10}
                """);
        SuiteResult r = Pushdown.on(duck).run(suite, "sales");
        assertThat(r.outcomes().get(0).message()).contains("no column 'status; DROP TABLE sales'");
        assertThat(r.outcomes().get(1)).isInstanceOf(RuleOutcome.Errored.class);
        assertThat(r.outcomes().get(1).message()).contains("no column 'nope'");
        assertThat(r.outcomes().get(2).message()).contains("column 'status' must be numeric, is STRING");
        assertThat(r.outcomes().get(3)).isInstanceOf(RuleOutcome.Passed.class);
        assertThat(Pushdown.on(duck).plan(suite, "sales")).extracting(Placement::where).containsExactly(
                Placement.Where.NOT_RUN, Placement.Where.NOT_RUN, Placement.Where.NOT_RUN, Placement.Where.SQL);
        assertThatThrownBy(() -> Pushdown.on(duck).run(suite, "sales; DROP TABLE sales"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a plain SQL identifier");
        assertThatThrownBy(() -> Pushdown.on(duck).run(suite, "nothing_here"))
                .hasMessage("no table 'nothing_here' in the database");
        assertThat(Pushdown.on(duck).keys("sales", "id")).containsExactlyInAnyOrder(1L, 2L, 4L, 5L);
    }

    @Test
    void aFilteredRule_isJudgedInMemory_onTheRowsItKeeps() {
        Suite suite = SuiteFiles.readYaml("""
                name: s
                rules:
                  - {type: nonNegative, column: price, filter: "status = 'B' OR status IS NULL", name: b prices}
                  - {type: rowCount, min: 1, max: 10}
                """);
        SuiteResult r = Pushdown.on(duck).run(suite, "sales");
        assertThat(r.outcomes().get(0).message()).endsWith("(in memory: it has a row filter)");
        assertThat(((RuleOutcome.Failed) r.outcomes().get(0)).failingRows()).isEqualTo(1);
        assertThat(r.outcomes().get(0).metric()).isEqualTo(0.5);
        assertThat(r.outcomes().get(1).message()).endsWith("(in SQL)");
    }

    @Test
    void theDialectIsReadFromTheConnection_orGiven() throws SQLException {
        try (Connection c = duck.getConnection()) {
            assertThat(SqlDialect.of(c.getMetaData())).isEqualTo(KnownDialect.DUCKDB);
        }
        SqlDialect standard = () -> "standard";
        // DuckDB also takes the standard forms the default methods write
        Suite suite = Suite.of("s", Rules.complete("status"), Rules.length("status", 1, 1, RuleOptions.strict()));
        assertThat(Pushdown.on(duck).withDialect(standard).run(suite, "sales").outcomes())
                .extracting(RuleOutcome::metric).containsExactlyElementsOf(suite.compile(S).run(ROWS).outcomes()
                        .stream().map(RuleOutcome::metric).toList());
    }

    private static RuleOutcome withMessage(RuleOutcome o, String where) {
        RuleOutcome.Failed f = (RuleOutcome.Failed) o;
        return new RuleOutcome.Failed(f.rule(), f.metric(), f.message() + " " + where, f.severity(), f.failingRows(),
                f.topValues(), f.samples());
    }
}

package org.marketlink.quality;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.rules.RuleOptions;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parameters and kinds that made suites files complete: counts, names, severities, extremes, ages, schema. */
class FileCatalogueTest {
    private static final Schema S = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("status", FieldType.STRING), Field.optional("price", FieldType.DOUBLE),
            Field.optional("seen", FieldType.TIMESTAMP));

    /** 10 rows: status null on 3 and blank on 1; price -2 .. 7 with one NaN; the newest seen 2 hours ago. */
    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < 10; i++) {
            String status = i < 3 ? null : i == 3 ? " " : "PAID";
            double price = i == 9 ? Double.NaN : i - 2;
            rows.add(Row.of(S, (long) i, status, price, now.minus(Duration.ofHours(2 + i))));
        }
        return rows;
    }

    private static SuiteResult run(String yaml) {
        return SuiteFiles.readYaml(yaml).compile(S).run(rows());
    }

    @Test
    void maxFailing_limitsByCount_andAloneLetsAnyShareFail() {
        SuiteResult r = run("""
                name: t
                rules:
                  - {type: notNull, column: status, maxFailing: 3, name: three allowed}
                  - {type: notNull, column: status, maxFailing: 2, name: two allowed}
                  - {type: notNull, column: status, maxFailing: 3, mostly: 0.8, name: and 80% must pass}
                  - {type: complete, column: status, maxFailing: 3, name: blank is missing too}
                """);
        assertThat(r.outcome("three allowed")).isInstanceOf(RuleOutcome.Passed.class);
        assertThat(r.outcome("two allowed")).isInstanceOf(RuleOutcome.Failed.class);
        assertThat(((RuleOutcome.Failed) r.outcome("two allowed")).failingRows()).isEqualTo(3);
        assertThat(r.outcome("and 80% must pass")).isInstanceOf(RuleOutcome.Failed.class);
        assertThat(r.outcome("blank is missing too")).isInstanceOf(RuleOutcome.Failed.class);
        assertThat(((RuleOutcome.Failed) r.outcome("blank is missing too")).failingRows()).isEqualTo(4);
    }

    @Test
    void severity_appliesToDatasetRulesToo_andNamesAreTheFilesOwn() {
        SuiteResult r = run("""
                name: t
                rules:
                  - {type: rowCount, min: 20, max: 30, severity: WARNING, name: enough rows}
                  - {type: unique, columns: [status], severity: INFO}
                  - {type: rowCount, min: 20, max: 30}
                """);
        assertThat(((RuleOutcome.Failed) r.outcome("enough rows")).severity()).isEqualTo(Severity.WARNING);
        assertThat(((RuleOutcome.Failed) r.outcome("unique(status)")).severity()).isEqualTo(Severity.INFO);
        assertThat(((RuleOutcome.Failed) r.outcome("rowCount")).severity()).isEqualTo(Severity.ERROR);
        assertThat(r.status()).isEqualTo(SuiteResult.Status.ERROR);
    }

    @Test
    void restatedRules_mergeAcrossChunks_asOnePass() {
        Suite s = SuiteFiles.readYaml("""
                name: t
                rules:
                  - {type: rowCount, min: 20, max: 30, severity: WARNING, name: enough rows}
                  - {type: maxBetween, column: price, min: 0, max: 6, name: top price}
                """);
        Suite.Compiled c = s.compile(S);
        List<Row> all = rows();
        Suite.State a = c.newState();
        Suite.State b = c.newState();
        for (int i = 0; i < all.size(); i++) {
            (i % 2 == 0 ? a : b).accept(all.get(i));
        }
        assertThat(a.merge(b).result()).isEqualTo(c.run(all));
    }

    @Test
    void minAndMax_areExact_andLeaveNaNOut() {
        SuiteResult r = run("""
                name: t
                rules:
                  - {type: minBetween, column: price, min: -2, max: -2}
                  - {type: maxBetween, column: price, min: 7, max: 7}
                  - {type: maxBetween, column: price, min: 0, max: 6.5, name: too high}
                """);
        assertThat(r.outcome("minBetween(price)")).isInstanceOf(RuleOutcome.Passed.class);
        assertThat(r.outcome("minBetween(price)").metric()).isEqualTo(-2.0);
        assertThat(r.outcome("maxBetween(price)").metric()).isEqualTo(6.0);
        assertThat(r.outcome("maxBetween(price)")).isInstanceOf(RuleOutcome.Failed.class);
        assertThat(r.outcome("too high")).isInstanceOf(RuleOutcome.Passed.class);
        SuiteResult none = SuiteFiles.readYaml("""
                name: t
                rules: [{type: minBetween, column: price, min: 0, max: 1}]
                """).compile(S).run(List.of());
        assertThat(none.outcome("minBetween(price)")).isInstanceOf(RuleOutcome.Errored.class);
    }

    @Test
    void freshness_readsItsAgeInEitherForm() {
        SuiteResult r = run("""
                name: t
                rules:
                  - {type: freshness, column: seen, maxAge: 3h, name: short}
                  - {type: freshness, column: seen, maxAge: PT1H, name: iso}
                  - {type: freshness, column: seen, maxAge: 1d12h, name: long}
                """);
        assertThat(r.outcome("short")).isInstanceOf(RuleOutcome.Passed.class);
        assertThat(r.outcome("iso")).isInstanceOf(RuleOutcome.Failed.class);
        assertThat(r.outcome("long")).isInstanceOf(RuleOutcome.Passed.class);
        assertThatThrownBy(() -> SuiteFiles.readYaml("""
                name: t
                rules: [{type: freshness, column: seen, maxAge: soon}]
                """)).hasMessageStartingWith("rules[0].maxAge: 'soon' is not an age");
        assertThatThrownBy(() -> SuiteFiles.readYaml("""
                name: t
                rules: [{type: freshness, column: seen, maxAge: 0h}]
                """)).hasMessageStartingWith("rules[0].maxAge: must be longer than zero");
    }

    @Test
    void columnExists_reportsAMissingColumnAsAnOutcome() {
        SuiteResult r = run("""
                name: t
                rules:
                  - {type: columnExists, column: status}
                  - {type: columnExists, column: region, severity: WARNING}
                """);
        assertThat(r.outcome("columnExists(status)")).isInstanceOf(RuleOutcome.Passed.class);
        RuleOutcome.Failed missing = (RuleOutcome.Failed) r.outcome("columnExists(region)");
        assertThat(missing.severity()).isEqualTo(Severity.WARNING);
        assertThat(missing.message()).isEqualTo("no column 'region'; the schema has [id, status, price, seen]");
    }

    @Test
    void newParameters_roundTrip_andForeignOnesAreRefused() {
        Suite s = SuiteFiles.readYaml("""
                name: t
                rules:
                  - {type: notNull, column: status, maxFailing: 3, severity: WARNING, name: few missing}
                  - {type: freshness, column: seen, maxAge: 6h}
                  - {type: minBetween, column: price, min: 0, max: 1, severity: INFO}
                """);
        Suite back = SuiteFiles.readYaml(SuiteFiles.writeYaml(s));
        assertThat(SuiteFiles.writeYaml(back)).isEqualTo(SuiteFiles.writeYaml(s));
        assertThat(back.compile(S).run(rows()).outcomes()).extracting(RuleOutcome::rule)
                .containsExactly("few missing", "freshness(seen)", "minBetween(price)");
        assertThatThrownBy(() -> SuiteFiles.readYaml("""
                name: t
                rules: [{type: rowCount, min: 1, max: 2, maxFailing: 3}]
                """)).hasMessageStartingWith("rules[0].maxFailing: not a parameter of rowCount");
        assertThatThrownBy(() -> SuiteFiles.readYaml("""
                name: t
                rules: [{type: notNull, column: status, maxFailing: -1}]
                """)).hasMessageStartingWith("rules[0].maxFailing: must be at least 0");
        assertThatThrownBy(() -> SuiteFiles.readYaml("""
                name: t
                rules: [{type: notNull, column: status, name: " "}]
                """)).hasMessageStartingWith("rules[0].name: must not be blank");
    }

    @Test
    void unique_skipNulls_leavesRowsWithAnEmptyKeyOut() {
        SuiteResult r = run("""
                name: t
                rules:
                  - {type: unique, columns: [status], name: nulls are keys}
                  - {type: unique, columns: [status], skipNulls: true, name: nulls left out}
                  - {type: unique, columns: [id, status], skipNulls: true, name: pairs}
                """);
        // status: null ×3, " " ×1, PAID ×6
        assertThat(((RuleOutcome.Failed) r.outcome("nulls are keys")).failingRows()).isEqualTo(2 + 5);
        assertThat(((RuleOutcome.Failed) r.outcome("nulls left out")).failingRows()).isEqualTo(5);
        assertThat(r.outcome("nulls left out").metric()).isEqualTo(2.0 / 7);
        assertThat(r.outcome("pairs")).isInstanceOf(RuleOutcome.Passed.class);
        assertThat(r.outcome("pairs").metric()).isEqualTo(1.0);
    }

    @Test
    void score_countsEachFailingRowOnce_andItsThresholdIsAnOutcome() {
        String rules = """
                rules:
                  - {type: complete, column: status}
                  - {type: between, column: price, min: 0, max: 10}
                  - {type: rowCount, min: 1, max: 100}
                """;
        // complete fails rows 0-3, between fails rows 0, 1 and 9 (NaN): 5 distinct rows of 10
        SuiteResult plain = run("name: t\n" + rules);
        assertThat(plain.rowsFailingAny()).isEqualTo(5);
        assertThat(plain.score()).isEqualTo(new SuiteResult.Score(0.5, 1.0 / 3));
        assertThat(plain.outcomes()).hasSize(3);
        SuiteResult enough = run("name: t\nscore: {rows: 0.5, rules: 0.3}\n" + rules);
        assertThat(enough.outcome("score")).isInstanceOf(RuleOutcome.Passed.class);
        assertThat(enough.score()).isEqualTo(plain.score());
        SuiteResult short_ = run("name: t\nscore: {rows: 0.6, severity: WARNING}\n" + rules);
        RuleOutcome.Failed below = (RuleOutcome.Failed) short_.outcome("score");
        assertThat(below.severity()).isEqualTo(Severity.WARNING);
        assertThat(below.message()).isEqualTo("50.00% of rows pass every row rule (at least 60.00%), 33.33% of rules "
                + "pass (at least 0.00%)");
        // the threshold travels through files, and chunks merge to the same count
        Suite s = SuiteFiles.readYaml("name: t\nscore: {rows: 0.6, severity: WARNING}\n" + rules);
        assertThat(SuiteFiles.writeYaml(SuiteFiles.readYaml(SuiteFiles.writeYaml(s))))
                .isEqualTo(SuiteFiles.writeYaml(s)).contains("score:");
        Suite.Compiled c = s.compile(S);
        Suite.State a = c.newState();
        Suite.State b = c.newState();
        List<Row> all = rows();
        for (int i = 0; i < all.size(); i++) {
            (i < 3 ? a : b).accept(all.get(i));
        }
        assertThat(a.merge(b).result().rowsFailingAny()).isEqualTo(5);
        assertThatThrownBy(() -> SuiteFiles.readYaml("name: t\nscore: {rows: 1.5}\n" + rules))
                .hasMessage("score.rows: must be in 0..1, was 1.5");
        assertThatThrownBy(() -> SuiteFiles.readYaml("name: t\nscore: {rows: 0.5}\nrules: [{type: rowCount, "
                + "min: 0, max: 1, name: score}]")).hasMessageContaining("two rules named 'score'");
    }

    @Test
    void timeBetween_boundsDatesAndInstants_aDateBoundCoveringItsWholeDay() {
        Schema days = Schema.of(Field.optional("day", FieldType.DATE), Field.optional("at", FieldType.TIMESTAMP));
        List<Row> rows = List.of(Row.of(days, LocalDate.parse("2024-01-01"), Instant.parse("2024-01-01T00:00:00Z")),
                Row.of(days, LocalDate.parse("2024-01-31"), Instant.parse("2024-01-31T23:59:59.999Z")),
                Row.of(days, LocalDate.parse("2024-02-01"), Instant.parse("2024-02-01T00:00:00Z")),
                Row.of(days, null, null));
        SuiteResult r = SuiteFiles.readYaml("""
                name: t
                rules:
                  - {type: timeBetween, column: day, from: 2024-01-01, to: 2024-01-31}
                  - {type: timeBetween, column: at, from: 2024-01-01, to: 2024-01-31, name: at in January}
                  - {type: timeBetween, column: at, to: "2024-01-31T23:59:59.999Z", name: until the last milli}
                  - {type: timeBetween, column: at, from: "2024-01-01T00:00:00.001Z", name: after midnight}
                """).compile(days).run(rows);
        assertThat(((RuleOutcome.Failed) r.outcome("timeBetween(day)")).failingRows()).isEqualTo(1);
        assertThat(((RuleOutcome.Failed) r.outcome("at in January")).failingRows()).isEqualTo(1);
        assertThat(((RuleOutcome.Failed) r.outcome("until the last milli")).failingRows()).isEqualTo(1);
        assertThat(((RuleOutcome.Failed) r.outcome("after midnight")).failingRows()).isEqualTo(1);
        assertThat(r.outcome("timeBetween(day)").message()).contains("'2024-02-01' ×1");
        assertThatThrownBy(() -> SuiteFiles.readYaml("""
                name: t
                rules: [{type: timeBetween, column: day}]
                """)).hasMessageStartingWith("rules[0].from: missing");
        assertThatThrownBy(() -> SuiteFiles.readYaml("""
                name: t
                rules: [{type: timeBetween, column: day, from: yesterday}]
                """)).hasMessageStartingWith("rules[0].from: 'yesterday' is neither a date");
        assertThatThrownBy(() -> SuiteFiles.readYaml("""
                name: t
                rules: [{type: timeBetween, column: day, from: "2024-01-01T00:00:00Z"}]
                """).compile(days)).hasMessageContaining("from: a DATE column takes a date bound");
    }

    @Test
    void judgement_isTheSameFunctionEverywhere() {
        RuleOptions o = new RuleOptions(0.9, 0.2, Severity.ERROR, 5);
        assertThat(o.judge(100, 0)).isNull();
        assertThat(o.judge(100, 5)).isNull();
        assertThat(o.judge(100, 6)).isEqualTo(Severity.WARNING);
        assertThat(o.judge(100, 21)).isEqualTo(Severity.ERROR);
        assertThat(o.judge(10, 2)).isEqualTo(Severity.WARNING);
        assertThat(RuleOptions.atMostFailing(0).judge(1, 1)).isEqualTo(Severity.ERROR);
    }
}

package org.marketlink.quality.rules;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteFiles;
import org.marketlink.quality.SuiteResult;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Row filters: SQL's syntax and three-valued logic, per rule in files, errors that name what is wrong. */
class RowFilterTest {
    private static final Schema S = Schema.of(Field.optional("region", FieldType.STRING),
            Field.optional("price", FieldType.DOUBLE), Field.optional("qty", FieldType.LONG),
            Field.optional("paid", FieldType.BOOLEAN), Field.optional("day", FieldType.DATE),
            Field.optional("at", FieldType.TIMESTAMP), Field.optional("amount", FieldType.DECIMAL));

    private static boolean keeps(String condition, Object... values) {
        return RowFilter.parse(condition).bind(S).keeps(Row.of(S, values));
    }

    @Test
    void comparisonsSetsNullsAndLogic_asSqlJudgesThem() {
        Object[] row = {"Nairobi", 12.5, 3L, true, LocalDate.of(2026, 3, 1), Instant.parse("2026-03-01T10:00:00Z"),
            new BigDecimal("4.50")};
        assertThat(keeps("region = 'Nairobi'", row)).isTrue();
        assertThat(keeps("region <> 'Nairobi'", row)).isFalse();
        assertThat(keeps("price >= 12.5 AND qty < 4", row)).isTrue();
        assertThat(keeps("price > 20 OR qty = 3", row)).isTrue();
        assertThat(keeps("NOT (price > 20 OR qty = 3)", row)).isFalse();
        assertThat(keeps("region IN ('Mombasa', 'Nairobi')", row)).isTrue();
        assertThat(keeps("qty not in (1, 2)", row)).isTrue();
        assertThat(keeps("paid = TRUE and day >= '2026-02-28' and at < '2026-03-02'", row)).isTrue();
        assertThat(keeps("amount = 4.5", row)).isTrue();
        assertThat(keeps("region = 'O''Brien'", "O'Brien", null, null, null, null, null, null)).isTrue();
        // NOT binds tighter than AND, AND tighter than OR
        assertThat(keeps("qty = 1 OR qty = 3 AND price < 0", row)).isFalse();
        assertThat(keeps("NOT qty = 1 AND qty = 3", row)).isTrue();

        Object[] empty = {null, null, null, null, null, null, null};
        // a comparison with an empty value is unknown, and so is its negation: the row is not kept
        assertThat(keeps("region = 'Nairobi'", empty)).isFalse();
        assertThat(keeps("NOT region = 'Nairobi'", empty)).isFalse();
        assertThat(keeps("region NOT IN ('x')", empty)).isFalse();
        assertThat(keeps("region IS NULL", empty)).isTrue();
        assertThat(keeps("region IS NOT NULL OR qty IS NULL", empty)).isTrue();
        // unknown OR true is true; unknown AND false is false, and NOT false is true
        assertThat(keeps("price > 1 OR region IS NULL", empty)).isTrue();
        assertThat(keeps("NOT (price > 1 AND region IS NOT NULL)", empty)).isTrue();
    }

    @Test
    void whatIsNotACondition_isRefusedByPositionOrColumn() {
        assertThatThrownBy(() -> RowFilter.parse("region = ")).hasMessageContaining("expected a value at the end");
        assertThatThrownBy(() -> RowFilter.parse("region == 'x'")).hasMessageContaining("position 9, found '='");
        assertThatThrownBy(() -> RowFilter.parse("region = 'x")).hasMessageContaining("text not closed");
        assertThatThrownBy(() -> RowFilter.parse("region = 'x'; DROP TABLE t")).hasMessageContaining("';'");
        assertThatThrownBy(() -> RowFilter.parse("(qty = 1")).hasMessageContaining("expected ')'");
        assertThatThrownBy(() -> RowFilter.parse("qty = 1 qty")).hasMessageContaining("end of the condition");
        assertThatThrownBy(() -> RowFilter.parse("nope = 1").bind(S)).hasMessage("filter: no column 'nope'");
        assertThatThrownBy(() -> RowFilter.parse("qty = 'x'").bind(S))
                .hasMessageStartingWith("filter: qty is LONG, which x is not");
        assertThatThrownBy(() -> SuiteFiles.readYaml("""
                name: s
                rules:
                  - {type: notNull, column: qty, filter: "qty >"}
                """)).hasMessageContaining("rules[0].filter: expected a value");
    }

    @Test
    void aFilteredRule_judgesAndCountsOnlyTheRowsItKeeps_inFilesAndBack() {
        Random r = new Random(4);
        List<Row> rows = new ArrayList<>();
        String[] regions = {"Nairobi", "Mombasa", null};
        for (int i = 0; i < 500; i++) {
            rows.add(Row.of(S, regions[r.nextInt(3)], r.nextInt(10) == 0 ? null : r.nextDouble() * 100 - 10,
                    (long) r.nextInt(-2, 20), r.nextBoolean(), null, null, null));
        }
        Suite suite = SuiteFiles.readYaml("""
                name: filtered
                rules:
                  - {type: nonNegative, column: price, filter: "region = 'Nairobi'", name: nairobi prices}
                  - {type: rowCount, min: 1, max: 1000, filter: "region IS NULL OR qty < 0"}
                  - {type: meanBetween, column: price, min: 0, max: 100, filter: "region = 'Mombasa' AND paid"}
                """.replace("AND paid", "AND paid = TRUE"));
        SuiteResult result = suite.compile(S).run(rows);
        List<Row> nairobi = rows.stream().filter(x -> "Nairobi".equals(x.get(0))).toList();
        RuleOutcome prices = result.outcome("nairobi prices");
        RuleOutcome plain = Suite.of("p", Rules.nonNegative("price")).compile(S).run(nairobi).outcomes().get(0);
        assertThat(prices.metric()).isEqualTo(plain.metric());
        assertThat(((RuleOutcome.Failed) prices).failingRows()).isEqualTo(((RuleOutcome.Failed) plain).failingRows());
        long expected = rows.stream().filter(x -> x.get(0) == null || (Long) x.get(2) < 0).count();
        assertThat(result.outcomes().get(1).metric()).isEqualTo(expected);
        // the row score counts only rows a row rule judged and failed
        assertThat(result.rowsFailingAny()).isEqualTo(((RuleOutcome.Failed) plain).failingRows());
        // the filter travels back into files and the validate stage's violations respect it
        Suite back = SuiteFiles.readYaml(SuiteFiles.writeYaml(suite));
        assertThat(back.compile(S).run(rows).outcomes()).isEqualTo(result.outcomes());
        Row negativeElsewhere = Row.of(S, "Mombasa", -5.0, 1L, true, null, null, null);
        assertThat(suite.compile(S).violations(negativeElsewhere)).isEmpty();
        assertThat(suite.compile(S).violations(Row.of(S, "Nairobi", -5.0, 1L, true, null, null, null))).hasSize(1);
    }
}

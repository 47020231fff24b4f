package org.marketlink.quality;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Violation;
import org.marketlink.quality.rules.Rule;
import org.marketlink.quality.rules.RuleOptions;
import org.marketlink.quality.rules.Rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulesTest {
    private static final Schema S = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("status", FieldType.STRING), Field.optional("price", FieldType.DECIMAL),
            Field.optional("score", FieldType.DOUBLE));

    private static Row row(long id, String status, String price, Double score) {
        return Row.of(S, id, status, price == null ? null : new BigDecimal(price), score);
    }

    private static final List<Row> DIRTY = List.of(
            row(1, "Pending", "10.00", 0.5), row(2, "Pendng", "-1.00", 1.5), row(3, "done", "0.00", Double.NaN),
            row(3, null, null, null), row(5, "Pendng", "5.50", 0.9), row(6, " ", "7.00", 0.1));

    private static SuiteResult run(List<Row> rows, Rule... rules) {
        return Suite.of("t", rules).compile(S).run(rows);
    }

    @Test
    void inSet_namesTheOffendingValuesWithCounts() {
        SuiteResult r = run(DIRTY, Rules.inSet("status", Set.of("Pending", "Accepted", "Connected", "Completed")));
        RuleOutcome.Failed f = (RuleOutcome.Failed) r.outcomes().get(0);
        assertThat(f.message()).startsWith("status: 4 rows outside {").contains("'Pendng' ×2", "'done' ×1", "' ' ×1");
        assertThat(f.failingRows()).isEqualTo(4);
        assertThat(f.metric()).isEqualTo(2 / 6.0);
        assertThat(r.status()).isEqualTo(SuiteResult.Status.ERROR);
    }

    @Test
    void messagesAPersonReadsAreTheSameOnEveryRunAndHoldNoJavaToString() {
        // Set.of iterates in an order that changes from one JVM to the next: the message lists the set sorted
        SuiteResult r = run(DIRTY, Rules.inSet("status", Set.of("Pending", "Accepted", "Connected", "Completed")));
        assertThat(r.outcomes().get(0).message()).startsWith("status: 4 rows outside {Accepted, Completed, "
                + "Connected, Pending}");
        // a missing cell is said to be missing, and the column is not repeated inside its own violation
        var suite = Suite.of("t", Rules.complete("status"), Rules.nonNegative("price")).compile(S);
        List<Violation> missing = suite.violations(row(3, null, "-2.00", null));
        assertThat(missing).extracting(Violation::column).containsExactly("status", "price");
        assertThat(missing).extracting(Violation::message).containsExactly("missing", "'-2.00' outside [0, ∞]");
        // repeated keys as values with counts, not records
        RuleOutcome unique = run(DIRTY, Rules.unique("id")).outcomes().get(0);
        assertThat(unique.message()).contains("e.g. '3' ×2").doesNotContain("ValueCount", "[", "count=");
    }

    @Test
    void completeness_withMostly_passesOrFailsByShare() {
        assertThat(run(DIRTY, Rules.complete("status")).outcomes().get(0)).isInstanceOf(RuleOutcome.Failed.class);
        assertThat(run(DIRTY, Rules.complete("status", RuleOptions.mostly(0.6))).outcomes().get(0))
                .isInstanceOf(RuleOutcome.Passed.class);
        RuleOutcome warn = run(DIRTY, Rules.complete("status",
                new RuleOptions(1.0, 0.5, Severity.ERROR))).outcomes().get(0);
        assertThat(((RuleOutcome.Failed) warn).severity()).isEqualTo(Severity.WARNING);
        assertThat(run(DIRTY, Rules.complete("id")).status()).isEqualTo(SuiteResult.Status.PASSED);
    }

    @Test
    void ranges_nonNegativeAndPositive_andNaNFails() {
        SuiteResult r = run(DIRTY, Rules.nonNegative("price"), Rules.between("score", 0, 1));
        assertThat(((RuleOutcome.Failed) r.outcome("nonNegative(price)")).message()).contains("'-1.00' ×1");
        RuleOutcome.Failed score = (RuleOutcome.Failed) r.outcome("between(score)");
        assertThat(score.failingRows()).isEqualTo(2);
        assertThat(score.message()).contains("'1.5'", "'NaN'");
        assertThat(run(DIRTY, Rules.positive("price")).outcomes().get(0)).extracting(RuleOutcome::message)
                .asString().contains("2 rows");
        assertThatThrownBy(() -> Suite.of("t", Rules.between("status", 0, 1)).compile(S))
                .hasMessageContaining("between(status)").hasMessageContaining("numeric");
        // a missing column is the rule's outcome, not a failure of the whole suite
        SuiteResult missing = Suite.of("t", Rules.complete("nope"), Rules.unique("id", "gone"), Rules.rowCount(0, 9))
                .compile(S).run(DIRTY);
        assertThat(missing.outcomes().get(0)).isEqualTo(new RuleOutcome.Errored("complete(nope)", Double.NaN,
                "the data has no column 'nope'"));
        assertThat(missing.outcomes().get(1).message()).isEqualTo("the data has no column 'gone'");
        assertThat(missing.outcomes().get(2)).isInstanceOf(RuleOutcome.Passed.class);
        assertThat(missing.status()).isEqualTo(SuiteResult.Status.ERROR);
        assertThat(missing.level("complete(nope)")).contains(SuiteResult.Level.ROW);
    }

    @Test
    void patternPredicateUniqueCountAndMean() {
        SuiteResult r = run(DIRTY, Rules.matches("status", "[A-Z][a-z]+"), Rules.unique("id"),
                Rules.rowCount(1, 5), Rules.meanBetween("price", 0, 5),
                Rules.satisfies("priceWhenPending", "price",
                        x -> !"Pending".equals(x.get("status")) || x.get("price") != null, "missing for Pending",
                        RuleOptions.strict()));
        assertThat(r.outcome("matches(status)")).isInstanceOf(RuleOutcome.Failed.class);
        assertThat(((RuleOutcome.Failed) r.outcome("matches(status)")).message()).contains("'done' ×1", "' ' ×1");
        RuleOutcome.Failed unique = (RuleOutcome.Failed) r.outcome("unique(id)");
        assertThat(unique.failingRows()).isEqualTo(1);
        assertThat(r.outcome("rowCount")).isInstanceOf(RuleOutcome.Failed.class);
        assertThat(r.outcome("meanBetween(price)").metric()).isEqualTo((10 - 1 + 0 + 5.5 + 7) / 5.0);
        assertThat(r.outcome("priceWhenPending")).isInstanceOf(RuleOutcome.Passed.class);
    }

    @Test
    void emptyInput_hasDefinedOutcomes() {
        SuiteResult r = run(List.of(), Rules.complete("status"), Rules.unique("id"), Rules.rowCount(1, 10),
                Rules.meanBetween("price", 0, 1));
        assertThat(r.outcome("complete(status)")).isInstanceOf(RuleOutcome.Passed.class);
        assertThat(r.outcome("unique(id)")).isInstanceOf(RuleOutcome.Passed.class);
        assertThat(r.outcome("rowCount")).isInstanceOf(RuleOutcome.Failed.class);
        assertThat(r.outcome("meanBetween(price)")).isInstanceOf(RuleOutcome.Errored.class);
        assertThat(r.toJson()).contains("\"suite\":\"t\"", "\"rows\":0");
    }

    @Test
    void violations_areTheRowLevelFailures() {
        Suite.Compiled c = Suite.of("t", Rules.inSet("status", Set.of("Pending")), Rules.nonNegative("price"),
                Rules.unique("id")).compile(S);
        assertThat(c.violations(DIRTY.get(0))).isEmpty();
        var v = c.violations(DIRTY.get(1));
        assertThat(v).extracting(Violation::code)
                .containsExactly("IN_SET", "NON_NEGATIVE");
        assertThat(v.get(0).message()).contains("'Pendng'");
        List<Row> many = new ArrayList<>(DIRTY);
        assertThat(many.stream().filter(x -> c.violations(x).isEmpty())).hasSize(2);
    }
}

package org.marketlink.quality;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.drift.DriftRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

class ChiSquareDriftTest {
    private static final Schema S = Schema.of(Field.optional("grade", FieldType.STRING));
    private static final Map<String, Double> REF = Map.of("A", 5.0, "B", 3.0, "C", 2.0);

    private static List<Row> rows(int a, int b, int c, int empty) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < a; i++) {
            rows.add(Row.of(S, "A"));
        }
        for (int i = 0; i < b; i++) {
            rows.add(Row.of(S, "B"));
        }
        for (int i = 0; i < c; i++) {
            rows.add(Row.of(S, "C"));
        }
        for (int i = 0; i < empty; i++) {
            rows.add(Row.of(S, (Object) null));
        }
        return rows;
    }

    private static RuleOutcome run(List<Row> rows) {
        return Suite.of("d", DriftRules.chiSquareDrift("grade", REF, 0.01)).compile(S).run(rows).outcomes().get(0);
    }

    @Test
    void countsAsExpected_pass() {
        RuleOutcome o = run(rows(50, 30, 20, 7));
        assertThat(o).isInstanceOf(RuleOutcome.Passed.class);
        assertThat(o.metric()).isCloseTo(1.0, offset(1e-12));
    }

    @Test
    void shiftedCounts_failWithTheHandComputedPValue() {
        // expected 50, 30, 20: statistic 400/50 + 100/30 + 100/20 = 16.333; with 2 degrees of freedom p = e^(-x/2)
        RuleOutcome o = run(rows(70, 20, 10, 0));
        assertThat(o).isInstanceOf(RuleOutcome.Failed.class);
        assertThat(o.metric()).isCloseTo(Math.exp(-(8 + 100.0 / 30 + 5) / 2), offset(1e-9));
        assertThat(o.message()).startsWith("chi-square 16.33");
        // a small shift on the same sample size is not significant
        RuleOutcome small = run(rows(53, 28, 19, 0));
        assertThat(small).isInstanceOf(RuleOutcome.Passed.class);
        assertThat(small.metric()).isCloseTo(Math.exp(-(9 / 50.0 + 4 / 30.0 + 1 / 20.0) / 2), offset(1e-9));
    }

    @Test
    void unknownCategory_failsNamingIt_andEmptyInputErrors() {
        List<Row> rows = new ArrayList<>(rows(50, 30, 20, 0));
        rows.add(Row.of(S, "Z"));
        assertThat(run(rows).message()).isEqualTo("categories not in the reference: [Z]");
        assertThat(run(rows(0, 0, 0, 3))).isInstanceOf(RuleOutcome.Errored.class);
    }

    @Test
    void chunksMerge_andBadReferencesAreRejected() {
        Suite.Compiled c = Suite.of("d", DriftRules.chiSquareDrift("grade", REF, 0.01)).compile(S);
        List<Row> rows = rows(70, 20, 10, 2);
        Suite.State a = c.newState();
        Suite.State b = c.newState();
        rows.subList(0, 60).forEach(a::accept);
        rows.subList(60, rows.size()).forEach(b::accept);
        assertThat(a.merge(b).result().outcomes().get(0)).isEqualTo(c.run(rows).outcomes().get(0));
        assertThatThrownBy(() -> DriftRules.chiSquareDrift("grade", Map.of("A", 1.0), 0.01))
                .hasMessageContaining("at least two");
        assertThatThrownBy(() -> DriftRules.chiSquareDrift("grade", Map.of("A", 1.0, "B", 0.0), 0.01))
                .hasMessageContaining("'B' must be positive");
        assertThatThrownBy(() -> DriftRules.chiSquareDrift("grade", REF, 0)).hasMessageContaining("minPValue");
    }
}

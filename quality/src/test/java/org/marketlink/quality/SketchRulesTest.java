package org.marketlink.quality;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.rules.Rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class SketchRulesTest {
    private static final Schema S = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("x", FieldType.DOUBLE));

    @Test
    void sketches_agreeWithExact_andMergeAcrossChunks() {
        long seed = 99;
        Random r = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            rows.add(Row.of(S, (long) r.nextInt(30_000), r.nextGaussian() * 10 + 50));
        }
        Suite.Compiled c = Suite.of("s", Rules.distinctCount("id", 0, 1_000_000, false),
                Rules.distinctCount("id", 0, 1_000_000, true), Rules.quantile("x", 0.9, 0, 100, false),
                Rules.quantile("x", 0.9, 0, 100, true)).compile(S);
        SuiteResult whole = c.run(rows);
        double exactDistinct = whole.outcome("distinctCount(id, exact)").metric();
        double approxDistinct = whole.outcome("distinctCount(id)").metric();
        assertThat(approxDistinct).as("seed %d", seed).isCloseTo(exactDistinct, offset(exactDistinct * 0.05));
        double exactQ = whole.outcome("quantile(x, 0.9, exact)").metric();
        assertThat(exactQ).isCloseTo(50 + 1.2816 * 10, offset(0.3));
        assertThat(whole.outcome("quantile(x, 0.9)").metric()).isCloseTo(exactQ, offset(0.5));

        Suite.State merged = c.newState();
        for (int start = 0; start < rows.size(); start += 7_000) {
            Suite.State part = c.newState();
            rows.subList(start, Math.min(rows.size(), start + 7_000)).forEach(part::accept);
            merged.merge(part);
        }
        SuiteResult m = merged.result();
        assertThat(m.outcome("distinctCount(id, exact)").metric()).isEqualTo(exactDistinct);
        assertThat(m.outcome("quantile(x, 0.9, exact)").metric()).isEqualTo(exactQ);
        assertThat(m.outcome("distinctCount(id)").metric()).isCloseTo(exactDistinct, offset(exactDistinct * 0.05));
        assertThat(m.outcome("quantile(x, 0.9)").metric()).isCloseTo(exactQ, offset(0.5));
    }

    @Test
    void emptyInput_andBounds() {
        Suite.Compiled c = Suite.of("s", Rules.quantile("x", 0.5, 0, 1, false), Rules.distinctCount("id", 1, 5, false))
                .compile(S);
        SuiteResult empty = c.run(List.of());
        assertThat(empty.outcome("quantile(x, 0.5)")).isInstanceOf(RuleOutcome.Errored.class);
        assertThat(empty.outcome("distinctCount(id)")).isInstanceOf(RuleOutcome.Failed.class);
        String yaml = SuiteFiles.writeYaml(Suite.of("s", Rules.quantile("x", 0.5, 0, 1, true)));
        assertThat(yaml).contains("type: \"quantile\"", "q: 0.5", "exact: true");
        assertThat(SuiteFiles.readYaml(yaml).rules().get(0).name()).isEqualTo("quantile(x, 0.5, exact)");
    }
}

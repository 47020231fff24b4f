package org.marketlink.quality;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.rules.Rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The same metrics whether the data comes in one list or in random chunks merged in any order. */
class MergeTest {
    private static final Schema S = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("status", FieldType.STRING), Field.optional("price", FieldType.DECIMAL));

    @Test
    void randomChunkings_mergeToTheSingleListResult() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        String[] statuses = {"A", "B", "C", "x", null};
        for (int i = 0; i < 5000; i++) {
            rows.add(Row.of(S, (long) random.nextInt(4000), statuses[random.nextInt(statuses.length)],
                    random.nextInt(10) == 0 ? null : BigDecimal.valueOf(random.nextInt(2000) - 100, 2)));
        }
        Suite.Compiled c = Suite.of("m", Rules.complete("status"), Rules.inSet("status", Set.of("A", "B", "C")),
                Rules.nonNegative("price"), Rules.unique("id"), Rules.rowCount(0, 10_000),
                Rules.meanBetween("price", 0, 100)).compile(S);
        SuiteResult whole = c.run(rows);
        for (int trial = 0; trial < 20; trial++) {
            List<Suite.State> parts = new ArrayList<>();
            int i = 0;
            while (i < rows.size()) {
                int n = 1 + random.nextInt(700);
                Suite.State s = c.newState();
                for (Row r : rows.subList(i, Math.min(rows.size(), i + n))) {
                    s.accept(r);
                }
                parts.add(s);
                i += n;
            }
            Collections.shuffle(parts, random);
            Suite.State merged = c.newState();
            parts.forEach(merged::merge);
            SuiteResult r = merged.result();
            assertThat(r.rows()).isEqualTo(whole.rows());
            for (int k = 0; k < whole.outcomes().size(); k++) {
                RuleOutcome a = whole.outcomes().get(k);
                RuleOutcome b = r.outcomes().get(k);
                assertThat(b.getClass()).as("seed %d", seed).isEqualTo(a.getClass());
                assertThat(b.metric()).as("seed %d rule %s", seed, a.rule()).isCloseTo(a.metric(),
                        Offset.offset(1e-9));
                if (a instanceof RuleOutcome.Failed fa) {
                    RuleOutcome.Failed fb = (RuleOutcome.Failed) b;
                    assertThat(fb.failingRows()).isEqualTo(fa.failingRows());
                    assertThat(fb.topValues()).isEqualTo(fa.topValues());
                }
            }
        }
    }
}

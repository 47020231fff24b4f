package org.marketlink.quality;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.drift.DriftRules;
import org.marketlink.quality.rules.Rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class DriftRulesTest {
    private static final Schema S = Schema.of(Field.optional("x", FieldType.DOUBLE),
            Field.optional("cat", FieldType.STRING));

    private static List<Row> rows(Random r, double shift, double shareA) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            out.add(Row.of(S, r.nextGaussian() + shift, r.nextDouble() < shareA ? "A" : "B"));
        }
        return out;
    }

    @Test
    void ksAndPsi_passOnTheSameDistribution_failOnAShift() {
        Random r = new Random(21);
        double[] reference = new double[4000];
        for (int i = 0; i < reference.length; i++) {
            reference[i] = r.nextGaussian();
        }
        Suite suite = Suite.of("drift", DriftRules.ksDrift("x", reference, 0.05),
                DriftRules.psiDrift("cat", Map.of("A", 0.5, "B", 0.5), 0.1),
                Rules.aggregate("maxX", () -> Double.NEGATIVE_INFINITY,
                        (m, row) -> row.isNull(0) ? m : Math.max(m, row.getDouble(0)), Math::max, m -> m, -10, 10));
        Suite.Compiled c = suite.compile(S);
        SuiteResult same = c.run(rows(r, 0, 0.5));
        assertThat(same.status()).isEqualTo(SuiteResult.Status.PASSED);
        SuiteResult shifted = c.run(rows(r, 0.5, 0.8));
        assertThat(shifted.outcome("ksDrift(x)")).isInstanceOf(RuleOutcome.Failed.class);
        assertThat(shifted.outcome("ksDrift(x)").metric()).isCloseTo(0.19, offset(0.04));
        // PSI of (0.8, 0.2) against (0.5, 0.5): 0.3·ln1.6 + (−0.3)·ln0.4 ≈ 0.416
        assertThat(shifted.outcome("psiDrift(cat)").metric()).isCloseTo(0.416, offset(0.05));
        // merged chunks give the same KS distance as one pass
        List<Row> all = rows(new Random(5), 0.2, 0.5);
        Suite.State a = c.newState();
        Suite.State b = c.newState();
        all.subList(0, 1500).forEach(a::accept);
        all.subList(1500, all.size()).forEach(b::accept);
        assertThat(a.merge(b).result().outcome("ksDrift(x)").metric())
                .isEqualTo(c.run(all).outcome("ksDrift(x)").metric());
        assertThat(a.result().outcome("maxX").metric()).isEqualTo(c.run(all).outcome("maxX").metric());
    }
}

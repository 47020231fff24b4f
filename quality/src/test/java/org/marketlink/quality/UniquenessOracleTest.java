package org.marketlink.quality;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.rules.Rules;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uniqueness of a {@code LONG} column runs on a primitive hash table; the same values as text take the generic
 * map-based path, which is the oracle: both must give the same metric, count, message and repeated keys, also when
 * the data arrives in chunks that are merged, and through table growth, nulls and extreme keys.
 */
class UniquenessOracleTest {
    private static final Schema S = Schema.of(Field.optional("n", FieldType.LONG), Field.optional("t", FieldType.STRING));

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 5_000, 60_000})
    void primitivePath_equalsGenericPath(int size) {
        SplittableRandom random = new SplittableRandom(size * 31L + 1);
        List<Row> rows = new ArrayList<>(size);
        long[] extremes = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1};
        for (int i = 0; i < size; i++) {
            int roll = random.nextInt(100);
            Long v = roll < 3 ? null : roll < 6 ? extremes[random.nextInt(extremes.length)]
                    : (long) random.nextInt(Math.max(1, size)) * 1024;
            rows.add(Row.of(S, v, v == null ? null : v.toString()));
        }
        Suite.Compiled c = Suite.of("u", Rules.unique("n"), Rules.unique("t")).compile(S);

        Suite.State merged = c.newState();
        int i = 0;
        while (i < rows.size()) {
            int n = 1 + random.nextInt(3000);
            Suite.State part = c.newState();
            rows.subList(i, Math.min(rows.size(), i + n)).forEach(part::accept);
            merged.merge(part);
            i += n;
        }
        for (SuiteResult result : List.of(c.run(rows), merged.result())) {
            RuleOutcome primitive = result.outcomes().get(0);
            RuleOutcome generic = result.outcomes().get(1);
            assertThat(primitive.getClass()).isEqualTo(generic.getClass());
            assertThat(primitive.metric()).isEqualTo(generic.metric());
            assertThat(primitive.message()).isEqualTo(generic.message());
            if (primitive instanceof RuleOutcome.Failed p) {
                RuleOutcome.Failed g = (RuleOutcome.Failed) generic;
                assertThat(p.failingRows()).isEqualTo(g.failingRows()).isPositive();
                assertThat(p.topValues()).isEqualTo(g.topValues());
            }
        }
        if (size >= 5_000) {
            assertThat(c.run(rows).outcomes().get(0)).isInstanceOf(RuleOutcome.Failed.class);
        }
    }
}

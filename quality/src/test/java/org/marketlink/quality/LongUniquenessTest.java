package org.marketlink.quality;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.rules.Rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * unique() on a LONG column uses radix-partitioned primitive arrays; the generic (object) state is the oracle.
 * Sequential, strided, negative, clustered, random keys and a few keys repeated millions of times (partitions then
 * deduplicate while the rows come), merged from several chunks, give the same distinct count and repeated keys.
 */
class LongUniquenessTest {
    static final Schema LONGS = Schema.of(Field.optional("id", FieldType.LONG));
    static final Schema TEXT = Schema.of(Field.optional("id", FieldType.STRING));

    @Test
    void theLongTableAgreesWithTheGenericOneOnEveryKindOfKey() {
        SplittableRandom r = new SplittableRandom(3);
        List<long[]> kinds = new ArrayList<>();
        kinds.add(sequence(50_000, i -> i % 40_000));                  // sequential with repeats
        kinds.add(sequence(30_000, i -> (i % 20_000) << 20));           // strided by 2^20
        kinds.add(sequence(30_000, i -> (i % 25_000) << 30));           // strided by 2^30
        kinds.add(sequence(30_000, i -> (i % 25_000) << 40));           // strided by 2^40
        kinds.add(sequence(30_000, i -> -(i % 29_000) - 1));            // negative
        kinds.add(sequence(30_000, i -> r.nextLong(0, 40_000)));        // random, small range
        kinds.add(sequence(30_000, i -> r.nextLong()));                 // random, full range
        kinds.add(sequence(3_000_000, i -> i % 1000 - 500));            // few keys, 0 among them, many repeats
        kinds.add(sequence(30_000, i -> i % 3 == 0 ? Long.MIN_VALUE : i % 3 == 1 ? Long.MAX_VALUE : 0));
        // dense keys, as a table's ids, in the bitmap: shuffled, near the ends of the longs, and ones that start
        // dense and turn sparse (their keys move to the partitions midway)
        kinds.add(shuffled(sequence(200_000, i -> i % 190_000), r));
        kinds.add(shuffled(sequence(50_000, i -> Long.MAX_VALUE - i % 45_000), r));
        kinds.add(shuffled(sequence(50_000, i -> Long.MIN_VALUE + 1 + i % 45_000), r));
        kinds.add(sequence(60_000, i -> i < 40_000 ? i % 35_000 : r.nextLong()));
        kinds.add(sequence(60_000, i -> i < 40_000 ? 1_000_000 + i % 35_000 : (i % 2 == 0 ? -1L : 1L) * i * 5_000L));
        kinds.add(sequence(40_000, i -> i % 2 == 0 ? i : Long.MAX_VALUE - i));
        // repeats that fall in different chunks (30,001 is 1 mod 4): the bitmaps merge word by word
        kinds.add(sequence(40_000, i -> 1 + i % 30_001));
        kinds.add(shuffled(sequence(40_000, i -> 7_000_000 + i % 30_001), r));
        for (long[] keys : kinds) {
            Suite.Compiled primitive = Suite.of("s", Rules.unique("id")).compile(LONGS);
            Suite.Compiled generic = Suite.of("s", Rules.unique("id")).compile(TEXT);
            Suite.State merged = primitive.newState();
            Map<String, Long> counts = new HashMap<>();
            List<Row> textRows = new ArrayList<>();
            for (int chunk = 0; chunk < 4; chunk++) {
                Suite.State part = primitive.newState();
                for (int i = chunk; i < keys.length; i += 4) {
                    part.accept(Row.of(LONGS, keys[i]));
                    textRows.add(Row.of(TEXT, Long.toString(keys[i])));
                    counts.merge(Long.toString(keys[i]), 1L, Long::sum);
                }
                merged.merge(part);
            }
            RuleOutcome fast = merged.result().outcomes().get(0);
            RuleOutcome slow = generic.run(textRows).outcomes().get(0);
            assertThat(fast.metric()).isEqualTo(slow.metric());
            assertThat(fast.metric()).isEqualTo((double) counts.size() / keys.length);
            assertThat(fast.getClass()).isEqualTo(slow.getClass());
            if (fast instanceof RuleOutcome.Failed f && slow instanceof RuleOutcome.Failed g) {
                assertThat(f.failingRows()).isEqualTo(g.failingRows());
                assertThat(f.topValues()).isEqualTo(g.topValues());
            }
        }
    }

    private static long[] sequence(int n, IntToLongFunction f) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = f.applyAsLong(i);
        }
        return out;
    }

    private static long[] shuffled(long[] keys, SplittableRandom r) {
        for (int i = keys.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            long t = keys[i];
            keys[i] = keys[j];
            keys[j] = t;
        }
        return keys;
    }
}

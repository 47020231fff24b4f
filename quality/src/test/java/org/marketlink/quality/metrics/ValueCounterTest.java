package org.marketlink.quality.metrics;

import org.junit.jupiter.api.Test;
import org.marketlink.quality.RuleOutcome;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ValueCounterTest {

    /**
     * More distinct values than the capacity over all rows, fewer in each chunk: counters of the chunks merged in
     * order keep exactly what one counter over all rows keeps.
     */
    @Test
    void chunksMergedInOrder_keepWhatOnePassKeeps_evenBeyondCapacity() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            values.add(random.nextInt(i % 3 == 0 ? 20 : 500));
        }
        ValueCounter whole = new ValueCounter(50);
        values.forEach(v -> whole.add(v, 1));
        assertThat(whole.overflow()).as("the test needs an overflow").isPositive();

        ValueCounter merged = new ValueCounter(50);
        for (int from = 0; from < values.size(); from += 40) {
            ValueCounter chunk = new ValueCounter(50);
            values.subList(from, from + 40).forEach(v -> chunk.add(v, 1));
            assertThat(chunk.overflow()).isZero();
            merged.merge(chunk);
        }
        assertThat(merged.top(Integer.MAX_VALUE)).as("seed %d", seed).isEqualTo(whole.top(Integer.MAX_VALUE));
        assertThat(merged.overflow()).isEqualTo(whole.overflow());
    }

    @Test
    void null_isCountedLikeAnyValue_renderedAsNull_andTakesItsPlaceWithinTheCapacity() {
        ValueCounter c = new ValueCounter(3);
        c.add(null, 1);
        c.add("a", 1);
        c.addNull(2);
        c.add(null, 1);
        assertThat(c.top(5)).extracting(RuleOutcome.ValueCount::value, RuleOutcome.ValueCount::count)
                .containsExactly(tuple("null", 4L), tuple("a", 1L));
        ValueCounter other = new ValueCounter(3);
        other.add(null, 3);
        other.add("b", 1);
        c.merge(other);
        assertThat(c.top(5)).extracting(RuleOutcome.ValueCount::value, RuleOutcome.ValueCount::count)
                .containsExactly(tuple("null", 7L), tuple("a", 1L), tuple("b", 1L));
        assertThat(c.overflow()).isZero();

        ValueCounter full = new ValueCounter(2);
        full.add("x", 1);
        full.addLong(7, 1);
        full.add(null, 5);
        assertThat(full.overflow()).as("no room left for null").isEqualTo(5);
        assertThat(full.top(5)).extracting(RuleOutcome.ValueCount::value).containsExactly("7", "x");
    }

    /**
     * The most frequent values picked without sorting all of them are the first ones of the whole sorted list: most
     * frequent first, numbers before other values in numeric order, other values by their text.
     */
    @Test
    void top_picksWhatAFullSortWould_withTiesInNumericThenTextOrder() {
        for (int seed = 0; seed < 20; seed++) {
            Random random = new Random(seed);
            ValueCounter c = new ValueCounter(10_000);
            List<Object[]> expected = new ArrayList<>(); // {kind 0 number / 1 other, number, text, count}
            Map<String, long[]> seen = new HashMap<>();
            for (int i = 0; i < 600; i++) {
                long n = 1 + random.nextInt(3);
                switch (random.nextInt(4)) {
                    case 0 -> {
                        long v = random.nextInt(40) - 20;
                        c.addLong(v, n);
                        seen.computeIfAbsent("L" + v, k -> new long[1])[0] += n;
                    }
                    case 1 -> {
                        double v = random.nextInt(40) / 4.0 - 5;
                        c.addDouble(v, n);
                        seen.computeIfAbsent("D" + v, k -> new long[1])[0] += n;
                    }
                    case 2 -> {
                        String v = "s" + random.nextInt(40);
                        c.add(v, n);
                        seen.computeIfAbsent("S" + v, k -> new long[1])[0] += n;
                    }
                    default -> {
                        c.add(null, n);
                        seen.computeIfAbsent("N", k -> new long[1])[0] += n;
                    }
                }
            }
            seen.forEach((key, count) -> {
                char kind = key.charAt(0);
                String rest = key.substring(1);
                double number = kind == 'L' || kind == 'D' ? Double.parseDouble(rest) : 0;
                String text = kind == 'N' ? "null" : rest;
                expected.add(new Object[] {kind == 'L' || kind == 'D' ? 0 : 1, number, text, count[0],
                    kind == 'L' ? 0 : 1});
            });
            expected.sort((a, b) -> {
                int byCount = Long.compare((Long) b[3], (Long) a[3]);
                if (byCount != 0) {
                    return byCount;
                }
                int byKind = Integer.compare((Integer) a[0], (Integer) b[0]);
                if (byKind != 0) {
                    return byKind;
                }
                if ((Integer) a[0] == 0) {
                    int byNumber = Double.compare((Double) a[1], (Double) b[1]);
                    return byNumber != 0 ? byNumber : Integer.compare((Integer) a[4], (Integer) b[4]);
                }
                return ((String) a[2]).compareTo((String) b[2]);
            });
            List<RuleOutcome.ValueCount> all = expected.stream()
                    .map(e -> new RuleOutcome.ValueCount((String) e[2], (Long) e[3])).toList();
            assertThat(c.distinctKept()).isEqualTo(all.size());
            for (int n : new int[] {0, 1, 5, 17, all.size(), all.size() + 3}) {
                assertThat(c.top(n)).as("seed %d, top %d", seed, n)
                        .isEqualTo(all.subList(0, Math.min(n, all.size())));
            }
        }
    }
}

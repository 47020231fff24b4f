package org.marketlink.quality.metrics;

import org.junit.jupiter.api.Test;
import org.marketlink.quality.RuleOutcome;

import java.util.ArrayList;
import java.util.List;
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
}

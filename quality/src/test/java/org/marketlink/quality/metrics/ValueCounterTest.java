package org.marketlink.quality.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

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
}

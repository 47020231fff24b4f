package org.marketlink.store.features;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.store.Backend;
import org.marketlink.store.MarketStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class TrainingSetsTest {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    record Example(String shg, String buyer, Instant at, int label, double[] x) {
    }

    private static List<Example> examples(int n, long seed) {
        Random r = new Random(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = {r.nextGaussian(), r.nextInt(5) == 0 ? Double.NaN : r.nextDouble() * 1e6, -0.0, 1e-300};
            out.add(new Example("shg-" + r.nextInt(20), "buyer-" + i, T0.plusSeconds(r.nextInt(86_400)),
                    r.nextInt(5) == 0 ? 1 : 0, x));
        }
        return out;
    }

    private static RunReport write(MarketStore store, String name, List<Example> rows, int chunk) {
        return Pipeline.from(Sources.of("outcomes", rows))
                .to(TrainingSets.of(store).sink(name, List.of("a", "b", "c", "d"),
                        e -> Map.of("shg", e.shg(), "buyer", e.buyer()), Example::at, Example::label, Example::x))
                .run(RunOptions.defaults().withChunkSize(chunk));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aWrittenSetReadsBackRowForRowInItsOrder(Backend backend) {
        try (MarketStore store = backend.open()) {
            List<Example> rows = examples(1_000, 7);
            RunReport first = write(store, "shg_buyer_match", rows, 64);
            RunReport second = write(store, "shg_buyer_match", rows.subList(0, 10), 64);
            TrainingSets sets = TrainingSets.of(store);
            assertThat(sets.versions("shg_buyer_match")).containsExactlyInAnyOrder(first.runId(), second.runId());
            TrainingSet set = sets.read("shg_buyer_match", first.runId()).orElseThrow();
            assertThat(set.featureNames()).containsExactly("a", "b", "c", "d");
            assertThat(set.size()).isEqualTo(1_000);
            assertThat(set.positives()).isEqualTo((int) rows.stream().filter(e -> e.label() == 1).count());
            for (int i = 0; i < rows.size(); i++) {
                Example e = rows.get(i);
                assertThat(set.keys().get(i)).containsExactly(Map.entry("buyer", e.buyer()), Map.entry("shg", e.shg()));
                assertThat(set.asOf().get(i)).isEqualTo(e.at());
                assertThat(set.labels()[i]).isEqualTo(e.label());
                // every value exactly as written, missing ones as NaN
                assertThat(set.features()[i]).as("row %d", i).containsExactly(e.x());
            }
            assertThat(sets.read("shg_buyer_match", second.runId()).orElseThrow().size()).isEqualTo(10);
            assertThat(sets.read("shg_buyer_match", "no-such-run")).isEmpty();
            // a chunk written again (a retry) writes the same rows over themselves
            long stored = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM training_examples")
                    .mapTo(Long.class).one());
            assertThat(stored).isEqualTo(1_010);
        }
    }

    @Test
    void badRowsAreQuarantinedByReasonInARun_andRefusedNamingTheRowAndTheSetWhenWrittenDirectly() {
        try (MarketStore store = MarketStore.inMemory()) {
            TrainingSets sets = TrainingSets.of(store);
            assertThatThrownBy(() -> sets.sink("s", List.of("a", "a"), e -> Map.of(), e -> T0, e -> 0, e -> null))
                    .hasMessageContaining("featureNames must be distinct");
            List<Example> rows = new ArrayList<>(examples(3, 1));
            rows.add(new Example("shg-1", "buyer-x", T0, 1, new double[] {1, Double.POSITIVE_INFINITY, 0, 0}));
            rows.add(new Example("shg-1", "buyer-y", null, 1, new double[] {1, 2, 0, 0}));
            rows.add(new Example("shg-1", "buyer-z", T0, -1, new double[] {1, 2, 0, 0})); // read as a NaN label
            rows.add(new Example("shg-1", "buyer-w", T0, 0, new double[] {1, 2, 0}));
            rows.add(new Example("shg-1", null, T0, 0, new double[] {1, 2, 0, 0}));
            Sinks.ListQuarantine quarantine = Sinks.quarantineList();
            RunReport run = Pipeline.from(Sources.of("outcomes", rows))
                    .to(sets.sink("s", List.of("a", "b", "c", "d"), e -> e.buyer() == null ? Map.of("shg", e.shg())
                            : Map.of("shg", e.shg(), "buyer", e.buyer()), Example::at,
                            e -> e.label() < 0 ? Double.NaN : e.label(), Example::x))
                    .quarantineTo(quarantine).run(RunOptions.defaults().withChunkSize(10));
            assertThat(run.balanced()).isTrue();
            assertThat(quarantine.rejections()).extracting(Rejection::reasonCode, Rejection::column)
                    .containsExactly(tuple("FEATURE_INFINITE", "b"), tuple("NO_TIME", ""),
                            tuple("LABEL_NOT_FINITE", ""), tuple("WRONG_WIDTH", ""));
            // a key map without the buyer is still a key map: that row is kept
            assertThat(sets.read("s", run.runId()).orElseThrow().size()).isEqualTo(4);
            // written without a pipeline, the chunk is refused whole, naming the row and the set
            ChunkKey key = new ChunkKey("direct", 0, 1);
            assertThatThrownBy(() -> sets.sink("t", List.of("a", "b", "c", "d"),
                    (Example e) -> Map.of("shg", e.shg(), "buyer", e.buyer()), Example::at, Example::label,
                    Example::x).write(key, rows.subList(0, 4)))
                    .hasMessage("row 4 of training set t: feature b is infinite");
            assertThat(sets.versions("t")).isEmpty();
        }
    }
}

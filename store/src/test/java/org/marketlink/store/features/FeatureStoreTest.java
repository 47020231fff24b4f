package org.marketlink.store.features;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.store.Backend;
import org.marketlink.store.MarketStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class FeatureStoreTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A price observation; the feature "seen_at" returns its own time in seconds, so a leak is visible. */
    record Observation(String product, Instant at, double price) {
    }

    static final FeatureDefinition<Observation> PRICE = FeatureDefinition.of("price", 1, "product",
            "last observed price", Observation::price);
    static final FeatureDefinition<Observation> SEEN_AT = FeatureDefinition.of("seen_at", 1, "product",
            "when the value was observed, epoch seconds", o -> o.at().getEpochSecond());
    static final FeatureDefinition<Observation> PRICE_V2 = FeatureDefinition.of("price", 2, "product",
            "price in hundreds", o -> o.price() / 100);
    static final FeatureSet<Observation> SET = FeatureSet.of("product_pricing", PRICE, SEEN_AT);

    @ParameterizedTest
    @EnumSource(Backend.class)
    void pointInTimeRetrievalNeverSeesTheFuture(Backend backend) {
        Random r = new Random(5);
        List<Observation> observations = new ArrayList<>();
        for (int p = 0; p < 30; p++) {
            for (int k = 0; k < 12; k++) {
                observations.add(new Observation("p" + p, T0.plus(Duration.ofHours(r.nextInt(24 * 60))),
                        Math.round(r.nextDouble() * 10_000) / 100.0));
            }
        }
        try (MarketStore store = backend.open()) {
            FeatureStore features = FeatureStore.of(store);
            int written = features.materialize(SET, observations, Observation::product, Observation::at, "run-1");
            assertThat(written).isEqualTo(observations.size() * 2);

            List<EntityTime> requests = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                requests.add(new EntityTime("p" + r.nextInt(32), T0.plus(Duration.ofHours(r.nextInt(24 * 70)))));
            }
            // requests exactly at an observation, and a microsecond before it
            Observation first = observations.get(0);
            requests.add(new EntityTime(first.product(), first.at()));
            requests.add(new EntityTime(first.product(), first.at().minusNanos(1000)));
            FeatureMatrix pit = features.pointInTime(SET, requests);
            // the naive training set: every row gets the entity's newest values, whenever the row is from
            int leaksInNaive = 0;
            for (int i = 0; i < requests.size(); i++) {
                EntityTime q = requests.get(i);
                Observation expected = null;
                for (Observation o : observations) {
                    if (o.product().equals(q.entityKey()) && !o.at().isAfter(q.at())
                            && (expected == null || !o.at().isBefore(expected.at()))) { // the later write wins a tie
                        expected = o;
                    }
                }
                double seenAt = pit.get(i, 1);
                if (expected == null) {
                    assertThat(pit.get(i, 0)).isNaN();
                    assertThat(seenAt).isNaN();
                } else {
                    assertThat(pit.get(i, 0)).isEqualTo(expected.price());
                    assertThat(seenAt).isEqualTo(expected.at().getEpochSecond());
                }
                // the proof: nothing the leak-free set returns was observed after its row's time
                if (!Double.isNaN(seenAt)) {
                    assertThat(seenAt).isLessThanOrEqualTo(q.at().getEpochSecond());
                }
                double naiveSeenAt = features.latest(SET, q.entityKey())[1];
                if (naiveSeenAt > q.at().getEpochSecond()) {
                    leaksInNaive++;
                }
            }
            assertThat(leaksInNaive).as("the naive set must show what a leak looks like").isGreaterThan(50);
            int last = requests.size() - 1;
            assertThat(pit.get(last - 1, 0)).isEqualTo(observationAt(observations, first).price());
        }
    }

    private static Observation observationAt(List<Observation> all, Observation o) {
        return all.stream().filter(x -> x.product().equals(o.product()) && x.at().equals(o.at())).reduce((a, b) -> b)
                .orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void latestValuesAreCachedAndRefreshedByWrites(Backend backend) {
        try (MarketStore store = backend.open()) {
            FeatureStore features = FeatureStore.of(store);
            features.materialize(SET, List.of(new Observation("tomato", T0, 30)), Observation::product,
                    Observation::at, "run-1");
            assertThat(features.latest(SET, "tomato")).containsExactly(30, T0.getEpochSecond());
            assertThat(features.latest(SET, "tomato")[0]).isEqualTo(30);
            assertThat(features.cacheStatistics().hits()).isEqualTo(1);
            features.materialize(SET, List.of(new Observation("tomato", T0.plusSeconds(60), 35)),
                    Observation::product, Observation::at, "run-2");
            assertThat(features.latest(SET, "tomato")[0]).isEqualTo(35);
            assertThat(features.latest(SET, "onion")).containsExactly(Double.NaN, Double.NaN);
            // a write invalidates only the entities it wrote: onion stays cached
            long hits = features.cacheStatistics().hits();
            features.materialize(SET, List.of(new Observation("tomato", T0.plusSeconds(30), 33)),
                    Observation::product, Observation::at, "run-2b");
            features.latest(SET, "onion");
            assertThat(features.cacheStatistics().hits()).isEqualTo(hits + 1);
            // writing the same entity, version and time again replaces the value
            features.materialize(SET, List.of(new Observation("tomato", T0.plusSeconds(60), 36)),
                    Observation::product, Observation::at, "run-3");
            assertThat(features.latest(SET, "tomato")[0]).isEqualTo(36);
            // versions live apart
            FeatureSet<Observation> v2 = FeatureSet.of("pricing_v2", PRICE_V2);
            features.materialize(v2, List.of(new Observation("tomato", T0, 200)), Observation::product,
                    Observation::at, "run-4");
            assertThat(features.latest(v2, "tomato")).containsExactly(2);
            assertThat(features.latest(SET, "tomato")[0]).isEqualTo(36);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = "H2")
    void aPipelineRunWritesItsFeaturesStampedWithItsRunId(Backend backend) {
        try (MarketStore store = backend.open()) {
            FeatureStore features = FeatureStore.of(store);
            List<Observation> rows = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                rows.add(new Observation("p" + (i % 10), T0.plusSeconds(i), i));
            }
            var report = Pipeline.from(Sources.of("prices",
                            rows)).to(features.sink(SET, Observation::product, Observation::at))
                    .run(RunOptions.defaults().withChunkSize(64));
            assertThat(report.rowsOut()).isEqualTo(250);
            assertThat(features.latest(SET, "p3")[0]).isEqualTo(243);
            long stamped = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM feature_values "
                    + "WHERE run_id = :run").bind("run", report.runId()).mapTo(Long.class).one());
            assertThat(stamped).isEqualTo(500);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void inAPipeline_anInputTheStoreCannotTake_isQuarantinedByReason_andTheRestIsWritten(Backend backend) {
        FeatureDefinition<Observation> inverse = FeatureDefinition.of("inverse", 1, "product", "1 / price",
                o -> {
                    if (o.price() < 0) {
                        throw new IllegalStateException("a negative price");
                    }
                    return 1 / o.price(); // infinite at 0
                });
        FeatureSet<Observation> set = FeatureSet.of("inverses", PRICE, inverse);
        List<Observation> rows = List.of(new Observation("p1", T0, 2), new Observation("p2", T0, 0),
                new Observation("p3", T0, -1), new Observation("", T0, 1), new Observation("p".repeat(201), T0, 1),
                new Observation("p6", null, 1), new Observation("p7", T0, 4));
        try (MarketStore store = backend.open()) {
            FeatureStore features = FeatureStore.of(store);
            Sinks.ListQuarantine quarantine = Sinks.quarantineList();
            RunReport report = Pipeline.from(Sources.of("prices", rows))
                    .to(features.sink(set, Observation::product, Observation::at)).quarantineTo(quarantine).run();
            assertThat(report.balanced()).isTrue();
            assertThat(report.rowsOut()).isEqualTo(2);
            assertThat(quarantine.rejections()).extracting(Rejection::reasonCode, Rejection::column).containsExactly(
                    tuple("FEATURE_INFINITE", "inverse"), tuple("FEATURE_FAILED", "inverse"), tuple("NO_KEY", ""),
                    tuple("KEY_TOO_LONG", ""), tuple("NO_EVENT_TIME", ""));
            assertThat(quarantine.rejections().get(1).message()).contains("feature inverse@v1 failed for product 'p3'",
                    "a negative price");
            assertThat(features.latest(set, "p1")).containsExactly(2, 0.5);
            assertThat(features.latest(set, "p7")).containsExactly(4, 0.25);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = "H2")
    void missingValuesAreStoredAndBadOnesRejected(Backend backend) {
        try (MarketStore store = backend.open()) {
            FeatureStore features = FeatureStore.of(store);
            FeatureDefinition<Observation> ratio = FeatureDefinition.of("ratio", 1, "product", "",
                    o -> o.price() == 0 ? Double.NaN : 1 / o.price());
            FeatureSet<Observation> set = FeatureSet.of("ratios", ratio);
            features.materialize(set, List.of(new Observation("x", T0, 0)), Observation::product, Observation::at,
                    null);
            assertThat(features.latest(set, "x")).containsExactly(Double.NaN);
            FeatureDefinition<Observation> broken = FeatureDefinition.of("broken", 1, "product", "", o -> {
                throw new IllegalStateException("no history");
            });
            assertThatThrownBy(() -> features.materialize(FeatureSet.of("b", broken),
                    List.of(new Observation("y", T0, 1)), Observation::product, Observation::at, null))
                    .hasMessageContaining("feature broken@v1 failed for product 'y'").hasMessageContaining("no history");
            FeatureDefinition<Observation> infinite = FeatureDefinition.of("inf", 1, "product", "",
                    o -> Double.POSITIVE_INFINITY);
            assertThatThrownBy(() -> features.materialize(FeatureSet.of("i", infinite),
                    List.of(new Observation("z", T0, 1)), Observation::product, Observation::at, null))
                    .hasMessageContaining("is infinite");
            assertThatThrownBy(() -> FeatureDefinition.of("Bad Name", 1, "product", "", (Observation o) -> 0))
                    .hasMessageContaining("feature name");
            assertThatThrownBy(() -> FeatureSet.of("mixed", PRICE, FeatureDefinition.of("rating", 1, "buyer", "",
                    (Observation o) -> 0))).hasMessageContaining("mixes entities");
        }
    }
}

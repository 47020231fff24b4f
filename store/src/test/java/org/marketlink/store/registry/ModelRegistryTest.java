package org.marketlink.store.registry;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.NoSuchEntityException;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.store.Backend;
import org.marketlink.store.MarketStore;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelRegistryTest {
    @ParameterizedTest
    @EnumSource(Backend.class)
    void modelsReachProductionOnlyThroughTheGateAndKeepTheirHistory(Backend backend) {
        try (MarketStore store = backend.open()) {
            List<String> out = new ArrayList<>();
            RunReport run = Pipeline.from(Sources.of("training-rows", List.of("a", "b", "c")))
                    .to(Sinks.of("memory", out::addAll)).run();
            store.lineage().record(run);
            ModelRegistry registry = ModelRegistry.of(store, Clock.fixed(Instant.parse("2026-05-01T00:00:00Z"),
                    ZoneOffset.UTC));
            PromotionGate gate = PromotionGate.metricAtLeast("auc", 0.85);

            ModelVersion v1 = registry.register("buyer_match", "pair_features", Map.of("algorithm", "lr"),
                    run.runId(), Map.of("auc", 0.88), new byte[] {1, 2, 3}, null);
            ModelVersion v2 = registry.register("buyer_match", "pair_features", Map.of("algorithm", "gbm"),
                    run.runId(), Map.of("auc", 0.81), null, "s3://models/buyer_match/2");
            assertThat(v1.version()).isEqualTo(1);
            assertThat(v2.version()).isEqualTo(2);
            assertThat(v1.status()).isEqualTo(ModelStatus.STAGING);
            ModelVersion stored = registry.find("buyer_match", 1).orElseThrow();
            assertThat(stored.artifact()).containsExactly(1, 2, 3);
            assertThat(stored.runId()).isEqualTo(run.runId());
            assertThat(stored.metrics()).containsEntry("auc", 0.88);
            assertThat(registry.find("buyer_match", 2).orElseThrow().artifactPath()).isEqualTo("s3://models/buyer_match/2");

            Promotion failed = registry.promote("buyer_match", 2, gate);
            assertThat(failed.passed()).isFalse();
            assertThat(failed.reason()).isEqualTo("auc 0.81 < 0.85");
            assertThat(registry.production("buyer_match")).isEmpty();

            Promotion passed = registry.promote("buyer_match", 1, gate);
            assertThat(passed.passed()).isTrue();
            assertThat(passed.reason()).isEqualTo("auc 0.88 >= 0.85");
            assertThat(registry.production("buyer_match").orElseThrow().version()).isEqualTo(1);

            ModelVersion v3 = registry.register("buyer_match", "pair_features", Map.of(), run.runId(),
                    Map.of("auc", 0.9), new byte[] {9}, null);
            registry.promote("buyer_match", 3, gate);
            assertThat(registry.production("buyer_match").orElseThrow().version()).isEqualTo(3);
            assertThat(registry.find("buyer_match", 1).orElseThrow().status()).isEqualTo(ModelStatus.ARCHIVED);
            assertThat(registry.versions("buyer_match")).extracting(ModelVersion::status)
                    .containsExactly(ModelStatus.ARCHIVED, ModelStatus.STAGING, ModelStatus.PRODUCTION);
            assertThat(registry.history("buyer_match")).extracting(Promotion::version, Promotion::passed)
                    .containsExactlyInAnyOrder(
                            Tuple.tuple(2, false), Tuple.tuple(1, true),
                            Tuple.tuple(1, true), Tuple.tuple(3, true));
            assertThatThrownBy(() -> registry.promote("buyer_match", 1, gate))
                    .hasMessageContaining("is archived");
            assertThatThrownBy(() -> registry.promote("buyer_match", 9, gate))
                    .isInstanceOf(NoSuchEntityException.class);
            assertThat(v3.version()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = "H2")
    void badRegistrationsAreRefused(Backend backend) {
        try (MarketStore store = backend.open()) {
            ModelRegistry registry = ModelRegistry.of(store, Clock.systemUTC());
            assertThatThrownBy(() -> registry.register("m", "f", Map.of(), "no-such-run", Map.of("auc", 0.9),
                    new byte[] {1}, null)).hasMessageContaining("lineage table does not know");
            assertThatThrownBy(() -> registry.register("m", "f", Map.of(), null, Map.of("auc", Double.NaN),
                    new byte[] {1}, null)).hasMessageContaining("metric auc");
            assertThatThrownBy(() -> registry.register("m", "f", Map.of(), null, Map.of(), null, null))
                    .hasMessageContaining("not neither");
            assertThatThrownBy(() -> registry.promote("m2", 1, PromotionGate.metricAtLeast("auc", 0.5)))
                    .isInstanceOf(NoSuchEntityException.class);
            ModelVersion noMetric = registry.register("m3", "f", Map.of(), null, Map.of(), null, "/models/m3");
            Promotion refused = registry.promote("m3", noMetric.version(), PromotionGate.metricAtLeast("auc", 0.5));
            assertThat(refused.passed()).isFalse();
            assertThat(refused.reason()).contains("auc was not recorded");
        }
    }
}

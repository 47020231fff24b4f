package org.marketlink.store.registry;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromotionGateTest {
    static ModelVersion model(Map<String, Double> metrics) {
        return new ModelVersion("shg_buyer_match", 3, "pairs", Map.of(), "run-1", metrics, null, null,
                ModelStatus.STAGING, Instant.EPOCH);
    }

    @Test
    void aModelMustBeatItsBaselineByTheMarginOnTheSameRows() {
        PromotionGate gate = PromotionGate.beats("auc", "weighted_auc", 0.02);
        assertThat(gate.describe()).isEqualTo("auc >= weighted_auc + 0.02");
        PromotionGate.Verdict pass = gate.check(model(Map.of("auc", 0.75, "weighted_auc", 0.70)));
        assertThat(pass.passed()).isTrue();
        assertThat(pass.reason()).isEqualTo("auc 0.7500 vs weighted_auc 0.7000 (margin 0.0200)");
        assertThat(gate.check(model(Map.of("auc", 0.71, "weighted_auc", 0.70))).passed()).isFalse();
        assertThat(gate.check(model(Map.of("auc", 0.72, "weighted_auc", 0.70))).passed()).as("at the margin")
                .isTrue();
        assertThat(gate.check(model(Map.of("auc", 0.9))).reason())
                .isEqualTo("weighted_auc was not recorded for shg_buyer_match v3");
        assertThat(gate.check(model(Map.of("weighted_auc", 0.9))).passed()).isFalse();
        assertThatThrownBy(() -> PromotionGate.beats("auc", "b", Double.NaN)).hasMessageContaining("margin");
    }
}

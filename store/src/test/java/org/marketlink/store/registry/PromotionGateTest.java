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

    @Test
    void allOfPassesOnlyWhenEveryGatePasses_andSaysWhichOneFailed() {
        PromotionGate gate = PromotionGate.allOf(PromotionGate.beats("auc", "weighted_auc", 0.02),
                PromotionGate.beats("auc", "rival_auc", 0));
        assertThat(gate.describe()).isEqualTo("auc >= weighted_auc + 0.02 and auc >= rival_auc + 0.0");
        PromotionGate.Verdict both = gate.check(model(Map.of("auc", 0.76, "weighted_auc", 0.71, "rival_auc", 0.72)));
        assertThat(both.passed()).isTrue();
        assertThat(both.reason()).isEqualTo("auc 0.7600 vs weighted_auc 0.7100 (margin 0.0200); auc 0.7600 vs "
                + "rival_auc 0.7200 (margin 0.0000)");
        PromotionGate.Verdict rival = gate.check(model(Map.of("auc", 0.74, "weighted_auc", 0.71, "rival_auc", 0.76)));
        assertThat(rival.passed()).isFalse();
        assertThat(rival.reason()).isEqualTo("auc 0.7400 vs rival_auc 0.7600 (margin 0.0000)");
        assertThat(gate.check(model(Map.of("auc", 0.72, "weighted_auc", 0.71, "rival_auc", 0.6))).reason())
                .isEqualTo("auc 0.7200 vs weighted_auc 0.7100 (margin 0.0200)");
        assertThatThrownBy(PromotionGate::allOf).hasMessageContaining("at least one gate");
    }
}

package org.marketlink.matching.scoring;

import org.junit.jupiter.api.Test;
import org.marketlink.matching.features.PairFeature;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ReciprocalScorerTest {
    final WeightedScorer shgView = new WeightedScorer(Weights.of(Map.of(PairFeature.PRICE_OVERLAP, 1.0,
            PairFeature.PROXIMITY, 1.0)));
    final WeightedScorer buyerView = new WeightedScorer(Weights.of(Map.of(PairFeature.QUALITY_FIT, 1.0,
            PairFeature.VOLUME_COMPATIBILITY, 1.0)));

    @Test
    void harmonicMeanRewardsOnlyMutualInterest() {
        ReciprocalScorer r = ReciprocalScorer.harmonic(shgView, buyerView);
        double[] oneSided = {0, 1, 0, 0, 0, 0, 1};   // the group loves it, the buyer does not
        double[] mutual = {0, 0.6, 0, 0, 0.6, 0.6, 0.6};
        assertThat(r.score(oneSided)).isZero();
        assertThat(r.score(mutual)).isCloseTo(0.6, within(1e-12));
        assertThat(ReciprocalScorer.Combination.ARITHMETIC.combine(1, 0)).isEqualTo(0.5);
        assertThat(ReciprocalScorer.Combination.HARMONIC.combine(0.8, 0.4)).isCloseTo(2 * 0.32 / 1.2, within(1e-12));
        assertThat(ReciprocalScorer.Combination.GEOMETRIC.combine(0.8, 0.2)).isCloseTo(0.4, within(1e-12));
        assertThat(ReciprocalScorer.Combination.MINIMUM.combine(0.8, 0.2)).isEqualTo(0.2);
    }

    @Test
    void explanationsAddUpToTheCombinedScore() {
        ReciprocalScorer r = ReciprocalScorer.harmonic(shgView, buyerView);
        double[] v = {0.2, 0.9, 0.1, 0.4, 0.7, 0.3, 0.8};
        Explanation e = r.explain(v);
        assertThat(e.total()).isCloseTo(r.score(v), within(1e-12));
        assertThat(e.score()).isEqualTo(r.score(v));
        // features neither view reads contribute nothing
        assertThat(e.contributions().get(PairFeature.CATEGORY_ALIGNMENT.ordinal()).contribution())
                .isCloseTo(0, within(1e-12));
        assertThatThrownBy(() -> r.score(new double[3])).hasMessageContaining("expected 7 features");
    }
}

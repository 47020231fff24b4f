package org.marketlink.forecast.models;

import org.junit.jupiter.api.Test;
import org.marketlink.forecast.evaluation.CompetitionSet;
import org.marketlink.forecast.evaluation.SetScore;
import org.marketlink.testing.SharedData;

import static org.assertj.core.api.Assertions.assertThat;

class OptimizedThetaTest {

    @Test
    void optimizedTheta_choosesThetaFromTheGrid_andIsNoWorseInSampleThanClassic() {
        double[] y = new double[60];
        for (int t = 0; t < y.length; t++) {
            y[t] = 50 + 0.8 * t + 5 * Math.sin(t / 2.0);
        }
        String model = Theta.optimized().fit(y, 1).forecast(6).model();
        assertThat(model).matches("Theta\\(theta=\\d(\\.\\d+)?, .*");
        double theta = Double.parseDouble(model.substring(model.indexOf('=') + 1, model.indexOf(',')));
        assertThat(theta).isBetween(1.0, 5.0);
        assertThat((theta * 4) % 1).isZero();
    }

    @Test
    void optimizedTheta_onM3Yearly_isCompetitiveWithClassic() {
        CompetitionSet set = CompetitionSet.read(SharedData.file("forecast"), "M3-Yearly");
        SetScore classic = SetScore.of(Theta.create(), set);
        SetScore optimized = SetScore.of(Theta.optimized(), set);
        // a guard against a broken optimiser, not a claim of superiority: within 5% of classic Theta's sMAPE
        assertThat(optimized.smape()).isLessThan(classic.smape() * 1.05);
    }
}

package org.marketlink.forecast.models;

import org.junit.jupiter.api.Test;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.evaluation.CompetitionSet;
import org.marketlink.forecast.evaluation.SetScore;
import org.marketlink.forecast.internal.Gaussian;
import org.marketlink.testing.SharedData;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class ArimaTest {

    @Test
    void ar1_coefficientAndMeanAreRecovered() {
        long seed = 7;
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = new double[600];
        double x = 0;
        for (int t = 0; t < y.length; t++) {
            x = 0.7 * x + Gaussian.next(r);
            y[t] = 50 + x;
        }
        Forecast f = Arima.of(1, 0, 0, true).fit(y, 1).forecast(200, 95);
        double mu = f.mean()[199];
        assertThat(mu).as("seed %d", seed).isCloseTo(50, offset(0.5));
        double phi = (f.mean()[1] - mu) / (f.mean()[0] - mu);
        assertThat(phi).as("seed %d", seed).isCloseTo(0.7, offset(0.08));
        double[] lo = f.interval(95).orElseThrow().lower();
        double[] hi = f.interval(95).orElseThrow().upper();
        // widths grow with the horizon towards the unconditional spread 2·1.96·σ/√(1−φ²) ≈ 5.5
        assertThat(hi[0] - lo[0]).isLessThan(hi[10] - lo[10]);
        assertThat(hi[199] - lo[199]).isCloseTo(2 * 1.96 / Math.sqrt(1 - 0.49), offset(0.6));
    }

    @Test
    void auto_randomWalkWithDrift_isDifferencedAndTrends() {
        SplittableRandom r = new SplittableRandom(3);
        double[] y = new double[300];
        double level = 100;
        for (int t = 0; t < y.length; t++) {
            level += 0.5 + Gaussian.next(r);
            y[t] = level;
        }
        Forecast f = Arima.auto().fit(y, 1).forecast(20);
        assertThat(f.model()).contains(",1,").contains("drift");
        assertThat(f.mean()[19] - f.mean()[0]).isCloseTo(19 * 0.5, offset(4.0));
    }

    @Test
    void auto_strongSeason_takesASeasonalDifference() {
        SplittableRandom r = new SplittableRandom(5);
        double[] y = new double[120];
        for (int t = 0; t < y.length; t++) {
            y[t] = 200 + 40 * Math.sin(2 * Math.PI * t / 12) + 3 * Gaussian.next(r);
        }
        Forecast f = Arima.auto().fit(y, 12).forecast(12);
        assertThat(f.model()).contains("[12]").contains(",1,");
        for (int h = 0; h < 12; h++) {
            double truth = 200 + 40 * Math.sin(2 * Math.PI * (120 + h) / 12);
            assertThat(f.mean()[h]).isCloseTo(truth, offset(12.0));
        }
    }

    @Test
    void auto_onM3Yearly_isInTheRangeOfRsAutoArima() {
        SetScore s = SetScore.of(Arima.auto(), CompetitionSet.read(SharedData.file("forecast"), "M3-Yearly"));
        // R's auto.arima: sMAPE 16.719, MASE 3.005 on these series; a conditional-sum-of-squares fit is not the
        // same estimator, so this guards against a broken search rather than claiming equality
        assertThat(s.smape()).isLessThan(18.5);
        assertThat(s.mase()).isLessThan(3.4);
    }
}

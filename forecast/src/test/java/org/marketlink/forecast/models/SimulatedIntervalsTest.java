package org.marketlink.forecast.models;

import org.junit.jupiter.api.Test;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Interval;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Simulated ETS intervals on a volatile positive series: a geometric random walk with 60% daily volatility, where
 * ETS(M,N,N) fits a smoothing parameter near 1 and its simulated paths compound towards a median well below the point
 * forecast. Every bound must hold the point forecast and stay at or above 0.
 */
class SimulatedIntervalsTest {
    @Test
    void simulatedIntervalsHoldTheirPointForecastAndStayPositive() {
        Random random = new Random(23);
        double[] y = new double[120];
        double v = 100;
        for (int t = 0; t < y.length; t++) {
            v *= Math.exp(0.6 * random.nextGaussian());
            y[t] = v;
        }
        Forecast f = Ets.of("MNN").fit(y, 1).forecast(24, 50, 80, 95);
        int excludedBefore = 0;
        for (Interval i : f.intervals()) {
            for (int h = 0; h < 24; h++) {
                assertThat(i.lower()[h]).as("level %s step %d", i.level(), h + 1).isGreaterThanOrEqualTo(0)
                        .isLessThanOrEqualTo(f.mean()[h]);
                assertThat(i.upper()[h]).as("level %s step %d", i.level(), h + 1).isGreaterThanOrEqualTo(f.mean()[h]);
                excludedBefore += i.upper()[h] == f.mean()[h] ? 1 : 0;
            }
        }
        // the case is real: some upper quantiles fell below the point forecast and were raised to it
        assertThat(excludedBefore).isPositive();
    }
}

package org.marketlink.examples.wiring;

import org.junit.jupiter.api.Test;
import org.marketlink.forecast.ForecastIntervalPredictor;
import org.marketlink.quality.anomaly.AnomalyStrategy;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The quality module's seasonal anomaly check, wired to the forecast module through core's interface. */
class SeasonalAnomalyWiringTest {

    @Test
    void weeklyRowCounts_aQuietWeekendIsNormal_aQuietWeekdayIsNot() {
        Random r = new Random(4);
        double[] counts = new double[8 * 7];
        for (int d = 0; d < counts.length; d++) {
            counts[d] = (d % 7 >= 5 ? 200 : 1000) + r.nextGaussian() * 20;
        }
        // the next day is a weekday (index 56 → 56 % 7 = 0)
        AnomalyStrategy s = AnomalyStrategy.seasonal(ForecastIntervalPredictor.autoEts(), 7, 99);
        assertThat(s.check(counts, 1010)).isEmpty();
        assertThat(s.check(counts, 200)).isPresent();
    }
}

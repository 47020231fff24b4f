package org.marketlink.forecast.models;

import org.junit.jupiter.api.Test;
import org.marketlink.forecast.Forecast;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class TemporalAggregationTest {
    private static final Ses SES = Ses.create(new Ses.Options(false, true, Ses.Optimizer.GLOBAL));

    /** The slow definition: bucket totals of k periods counted back from the end, SES's next total, over k. */
    private static double slow(double[] y, int k) {
        int buckets = y.length / k;
        double[] totals = new double[buckets];
        for (int b = buckets - 1, end = y.length; b >= 0; b--, end -= k) {
            for (int t = end - k; t < end; t++) {
                totals[b] += y[t];
            }
        }
        return Math.max(0, SES.fit(totals, 1).forecast(1).mean()[0]) / k;
    }

    @Test
    void adidaAndImapa_equalTheSlowDefinition_onRandomIntermittentSeries() {
        SplittableRandom r = new SplittableRandom(42);
        for (int s = 0; s < 100; s++) {
            double[] y = new double[30 + r.nextInt(90)];
            int every = 2 + r.nextInt(5);
            for (int t = 0; t < y.length; t++) {
                y[t] = r.nextInt(every) == 0 ? 1 + r.nextInt(20) : 0;
            }
            y[y.length - 1 - r.nextInt(5)] = 4;
            int demands = 0;
            for (double v : y) {
                demands += v > 0 ? 1 : 0;
            }
            int interval = Math.max(1, (int) Math.round((double) y.length / demands));
            double imapa = 0;
            int levels = 0;
            for (int k = 1; k <= interval; k++) {
                if (y.length / k >= 3) {
                    imapa += slow(y, k);
                    levels++;
                }
            }
            Forecast a = TemporalAggregation.adida().fit(y, 1).forecast(4, 80);
            Forecast m = TemporalAggregation.imapa().fit(y, 1).forecast(4, 80);
            double adidaExpected = y.length / interval >= 3 ? slow(y, interval) : slow(y, 1);
            for (double v : a.mean()) {
                assertThat(v).as("series %d", s).isCloseTo(adidaExpected, offset(1e-9));
            }
            assertThat(m.mean()[3]).as("series %d", s).isCloseTo(imapa / levels, offset(1e-9));
            assertThat(a.model()).startsWith("ADIDA(interval=" + interval + ")");
        }
    }

    @Test
    void levelsLeavingFewerThanThreeBuckets_areSkipped() {
        double[] y = {0, 0, 5, 0, 0, 0, 5}; // interval round(7 / 2) = 4: k = 3 leaves 2 buckets, k = 4 one
        assertThat(TemporalAggregation.imapa().fit(y, 1).forecast(1).mean()[0])
                .isCloseTo((slow(y, 1) + slow(y, 2)) / 2, offset(1e-9));
        assertThat(TemporalAggregation.adida().fit(y, 1).forecast(1).mean()[0]).isCloseTo(slow(y, 1), offset(1e-9));
    }

    @Test
    void noDemand_forecastsZero_andNegativeValuesCountAsNoDemand() {
        assertThat(TemporalAggregation.imapa().fit(new double[20], 1).forecast(3).mean()).containsExactly(0, 0, 0);
        double[] y = {0, -5, 3, 0, -1, 3, 0, 0, 3, 0, 0, 3};
        double[] clipped = {0, 0, 3, 0, 0, 3, 0, 0, 3, 0, 0, 3};
        assertThat(TemporalAggregation.adida().fit(y, 1).forecast(2).mean())
                .containsExactly(TemporalAggregation.adida().fit(clipped, 1).forecast(2).mean());
        // every third period sells 3: ADIDA at k = 3 sees a constant 3 per bucket, so 1 per period
        assertThat(TemporalAggregation.adida().fit(clipped, 1).forecast(1).mean()[0]).isCloseTo(1, offset(1e-6));
    }
}

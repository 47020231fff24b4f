package org.marketlink.forecast.models;

import org.junit.jupiter.api.Test;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Interval;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrostonIntervalsTest {

    private static Croston empirical(Croston.Variant variant, double alpha) {
        return Croston.create(new Croston.Options(variant, alpha, alpha).withIntervals(
                Croston.IntervalMethod.EMPIRICAL));
    }

    @Test
    void empiricalBounds_areTheDemandMixturesQuantiles() {
        // demand every other period, alpha 1: the smoothed interval is exactly 2, so p = 0.5; sizes 2, 4 and 6
        double[] y = {0, 2, 0, 4, 0, 6, 0, 4, 0, 2, 0, 6};
        Forecast f = empirical(Croston.Variant.CROSTON, 1).fit(y, 1).forecast(3, 50, 80);
        Interval i50 = f.interval(50).orElseThrow();
        Interval i80 = f.interval(80).orElseThrow();
        // P(D = 0) = 0.5, P(D ≤ 2) = 0.5 + 0.5·2/6, P(D ≤ 4) = 0.5 + 0.5·4/6, P(D ≤ 6) = 1
        assertThat(i50.lower()).containsExactly(0, 0, 0); // q = 0.25
        assertThat(i50.upper()).containsExactly(4, 4, 4); // q = 0.75: first d with F(d) ≥ 0.75 is 4
        assertThat(i80.upper()).containsExactly(6, 6, 6); // q = 0.9
        assertThat(f.mean()).containsExactly(Croston.create(new Croston.Options(Croston.Variant.CROSTON, 1, 1))
                .fit(y, 1).forecast(3).mean());
        assertThat(f.model()).contains("empirical");
    }

    @Test
    void empiricalBounds_equalTheSlowDefinition_onRandomSeries() {
        SplittableRandom r = new SplittableRandom(99);
        for (int s = 0; s < 200; s++) {
            double[] y = new double[40 + r.nextInt(60)];
            for (int t = 0; t < y.length; t++) {
                y[t] = r.nextInt(4) == 0 ? 1 + r.nextInt(9) : 0;
            }
            y[r.nextInt(y.length)] = 3; // at least one demand
            double p = 1 / crostonInterval(y, 0.1);
            double[] sizes = Arrays.stream(y).filter(v -> v > 0).sorted().toArray();
            Forecast f = empirical(Croston.Variant.SBA, 0.1).fit(y, 1).forecast(2, 50, 80, 95);
            Forecast g = Croston.create(new Croston.Options(Croston.Variant.TSB, 0.1, 0.3,
                    Croston.IntervalMethod.EMPIRICAL)).fit(y, 1).forecast(2, 50, 80, 95);
            double pTsb = tsbProbability(y, 0.3);
            for (double level : new double[] {50, 80, 95}) {
                Interval i = f.interval(level).orElseThrow();
                assertThat(i.lower()[1]).isEqualTo(slowQuantile(0.5 - level / 200, p, sizes));
                assertThat(i.upper()[1]).isEqualTo(slowQuantile(0.5 + level / 200, p, sizes));
                Interval j = g.interval(level).orElseThrow();
                assertThat(j.lower()[1]).isEqualTo(slowQuantile(0.5 - level / 200, pTsb, sizes));
                assertThat(j.upper()[1]).isEqualTo(slowQuantile(0.5 + level / 200, pTsb, sizes));
            }
        }
    }

    @Test
    void tsb_usesItsFadingProbability_soAProductThatStoppedSellingGetsNarrowBounds() {
        double[] y = new double[120];
        for (int t = 0; t < 60; t += 2) {
            y[t] = 5;
        }
        Interval tsb = empirical(Croston.Variant.TSB, 0.1).fit(y, 1).forecast(1, 80).interval(80).orElseThrow();
        Interval croston = empirical(Croston.Variant.CROSTON, 0.1).fit(y, 1).forecast(1, 80).interval(80)
                .orElseThrow();
        assertThat(tsb.upper()[0]).isZero(); // 60 periods without demand: p ≈ 0.001
        assertThat(croston.upper()[0]).isEqualTo(5); // Croston's interval only moves when demand comes
        assertThatThrownBy(() -> empirical(Croston.Variant.TSB, 0.1).fit(y, 1).forecast(1, 100))
                .hasMessageContaining("100");
    }

    /** TSB's probability: the share of demand periods, then smoothed towards each period's occurrence. */
    private static double tsbProbability(double[] y, double alpha) {
        double p = Arrays.stream(y).filter(v -> v > 0).count() / (double) y.length;
        for (double v : y) {
            p = p + alpha * ((v > 0 ? 1 : 0) - p);
        }
        return p;
    }

    /** Croston's smoothed interval between demands, the first one taken as it is. */
    private static double crostonInterval(double[] y, double alpha) {
        double interval = -1;
        int since = 0;
        for (double v : y) {
            since++;
            if (v > 0) {
                interval = interval < 0 ? since : interval + alpha * (since - interval);
                since = 0;
            }
        }
        return Math.max(1, interval);
    }

    /** The smallest demand value d in {0} ∪ sizes with (1 − p) + p·#(sizes ≤ d)/n ≥ q. */
    private static double slowQuantile(double q, double p, double[] sizes) {
        if (1 - p >= q) {
            return 0;
        }
        for (double d : sizes) {
            long atOrBelow = Arrays.stream(sizes).filter(v -> v <= d).count();
            if ((1 - p) + p * atOrBelow / sizes.length >= q - 1e-12) {
                return d;
            }
        }
        return sizes[sizes.length - 1];
    }
}

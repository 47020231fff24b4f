package org.marketlink.forecast.calibration;

import org.junit.jupiter.api.Test;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Interval;
import org.marketlink.forecast.internal.Gaussian;
import org.marketlink.forecast.models.Naive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

class ConformalCalibrationTest {
    private static final int H = 8;

    @Test
    void calibratedIntervals_coverNominally_whereTheModelsIntervalsAreTooNarrow() {
        // random walks whose drift differs per series, forecast by the naive method: its intervals know the noise
        // but not the drift, so they are too narrow and more so further ahead
        SplittableRandom random = new SplittableRandom(20261206L);
        List<double[]> histories = new ArrayList<>();
        List<double[]> futures = new ArrayList<>();
        for (int s = 0; s < 600; s++) {
            double drift = 0.6 * Gaussian.next(random);
            double[] y = new double[60 + H];
            y[0] = 100;
            for (int t = 1; t < y.length; t++) {
                y[t] = y[t - 1] + drift + Gaussian.next(random);
            }
            histories.add(Arrays.copyOf(y, 60));
            futures.add(Arrays.copyOfRange(y, 60, 60 + H));
        }
        Naive naive = Naive.create();
        ConformalCalibration c = ConformalCalibration.learn(naive, histories, 1, H,
                ConformalCalibration.Options.defaults());
        assertThat(c.seriesUsed()).isEqualTo(600);
        assertThat(c.scoreCount(H)).isEqualTo(600);
        Calibrated calibrated = Calibrated.of(naive, c);

        double[] raw = coverage(histories, futures, (y) -> naive.fit(y, 1).forecast(H, 80, 95));
        double[] cal = coverage(histories, futures, (y) -> calibrated.fit(y, 1).forecast(H, 80, 95));
        assertThat(raw[1]).as("the model's own 95%% intervals").isLessThan(88);
        assertThat(cal[0]).as("calibrated 80%%").isBetween(77.5, 82.5);
        assertThat(cal[1]).as("calibrated 95%%").isBetween(92.5, 97.5);
        // point forecasts are untouched
        assertThat(calibrated.fit(histories.get(0), 1).forecast(H, 95).mean())
                .containsExactly(naive.fit(histories.get(0), 1).forecast(H).mean());
    }

    private interface Method {
        Forecast forecast(double[] y);
    }

    private static double[] coverage(List<double[]> histories, List<double[]> futures, Method method) {
        int in80 = 0;
        int in95 = 0;
        int n = 0;
        for (int s = 0; s < histories.size(); s++) {
            Forecast f = method.forecast(histories.get(s));
            double[] y = futures.get(s);
            for (int k = 0; k < H; k++) {
                Interval i80 = f.interval(80).orElseThrow();
                Interval i95 = f.interval(95).orElseThrow();
                in80 += y[k] >= i80.lower()[k] && y[k] <= i80.upper()[k] ? 1 : 0;
                in95 += y[k] >= i95.lower()[k] && y[k] <= i95.upper()[k] ? 1 : 0;
                n++;
            }
        }
        return new double[] {100.0 * in80 / n, 100.0 * in95 / n};
    }

    @Test
    void quantile_isTheConformalOrderStatistic() {
        SplittableRandom random = new SplittableRandom(7);
        ConformalCalibration.Builder b = ConformalCalibration.builder(1, ConformalCalibration.Options.defaults());
        double[] scores = new double[137];
        for (int i = 0; i < scores.length; i++) {
            double actual = (random.nextBoolean() ? 1 : -1) * 3 * random.nextDouble();
            b.add(unitForecast(), new double[] {actual});
            scores[i] = Math.abs(actual); // the reference interval's sides are 1 wide: the score is the miss
        }
        ConformalCalibration c = b.build();
        for (double level : new double[] {50, 80, 90, 95, 99}) {
            // slow definition: the smallest score s with at least (n + 1)·level/100 scores at or below it
            double expected = Double.POSITIVE_INFINITY;
            for (double s : scores) {
                int atOrBelow = 0;
                for (double t : scores) {
                    atOrBelow += t <= s ? 1 : 0;
                }
                if (atOrBelow >= (scores.length + 1) * level / 100 && s < expected) {
                    expected = s;
                }
            }
            assertThat(c.quantile(1, level)).as("level %s", level).isEqualTo(expected);
        }
    }

    @Test
    void quantile_tooFewScoresForTheLevel_isInfinite() {
        ConformalCalibration.Builder b = ConformalCalibration.builder(1, new ConformalCalibration.Options(1, 0, 1));
        for (double a : new double[] {0.5, 1.5, 2.5}) {
            b.add(unitForecast(), new double[] {a});
        }
        ConformalCalibration c = b.build();
        assertThat(c.quantile(1, 50)).isEqualTo(1.5); // rank ⌈4 · 0.5⌉ = 2
        assertThat(c.quantile(1, 95)).isInfinite(); // rank ⌈4 · 0.95⌉ = 4 of 3 scores
    }

    @Test
    void apply_stretchesEachSideOfTheReferenceInterval_andKeepsAFloorAtZero() {
        ConformalCalibration.Builder b = ConformalCalibration.builder(2, new ConformalCalibration.Options(1, 0, 1));
        // step 1: every score 1.5; step 2: every score 0.5
        for (int i = 0; i < 9; i++) {
            b.add(forecast(new double[] {0, 0}, new double[] {-1, -2}, new double[] {1, 2}),
                    new double[] {1.5, -1});
        }
        ConformalCalibration c = b.build();
        Forecast raw = forecast(new double[] {10, 5}, new double[] {8, 0}, new double[] {14, 9});
        Forecast f = c.apply(raw, 90);
        Interval i = f.interval(90).orElseThrow();
        assertThat(f.mean()).containsExactly(10, 5);
        assertThat(i.lower()[0]).isCloseTo(10 - 1.5 * 2, offset(1e-12));
        assertThat(i.upper()[0]).isCloseTo(10 + 1.5 * 4, offset(1e-12));
        // step 2's lower bound was floored at 0 by the model: the upper side (4 wide) measures both sides
        assertThat(i.lower()[1]).isCloseTo(5 - 0.5 * 4, offset(1e-12));
        assertThat(i.upper()[1]).isCloseTo(5 + 0.5 * 4, offset(1e-12));
        assertThat(f.model()).contains("conformal");
        // a step past the calibrated horizon uses the last step's scores
        assertThat(c.quantile(5, 90)).isEqualTo(c.quantile(2, 90));
    }

    @Test
    void scores_measureTheMissOnTheSideTheValueFell() {
        ConformalCalibration.Builder b = ConformalCalibration.builder(1, new ConformalCalibration.Options(1, 0, 1));
        Forecast asymmetric = forecast(new double[] {0}, new double[] {-1}, new double[] {3});
        b.add(asymmetric, new double[] {-2}); // below: 2 / 1
        b.add(asymmetric, new double[] {1.5}); // above: 1.5 / 3
        b.add(asymmetric, new double[] {0}); // a hit: 0
        ConformalCalibration c = b.build();
        assertThat(c.quantile(1, 25)).isEqualTo(0.0);
        assertThat(c.quantile(1, 50)).isEqualTo(0.5);
        assertThat(c.quantile(1, 75)).isEqualTo(2.0);
    }

    @Test
    void fewScoresForAStep_useTheScoresOfAllSteps() {
        ConformalCalibration.Builder b = ConformalCalibration.builder(2, new ConformalCalibration.Options(1, 0, 5));
        for (int i = 0; i < 10; i++) {
            b.add(unitForecast(), new double[] {i < 5 ? 0.1 : 0.2}); // step 1 only: 10 scores
        }
        b.add(forecast(new double[] {0, 0}, new double[] {-1, -1}, new double[] {1, 1}), new double[] {0.1, 9});
        ConformalCalibration c = b.build();
        assertThat(c.scoreCount(1)).isEqualTo(11);
        assertThat(c.scoreCount(2)).isEqualTo(1);
        // step 2 has 1 score (< 5): its quantile comes from all 12 scores, rank ⌈13 · 0.5⌉ = 7: 0.2
        assertThat(c.quantile(2, 50)).isEqualTo(0.2);
    }

    @Test
    void badInput_isRefusedWithWhatIsWrong() {
        ConformalCalibration.Options o = ConformalCalibration.Options.defaults();
        assertThatThrownBy(() -> ConformalCalibration.learn(Naive.create(), List.of(new double[5]), 1, 4, o))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too short")
                .hasMessageContaining("horizon 4");
        Forecast noInterval = new Forecast("x", new double[] {1}, List.of(), Optional.empty());
        assertThatThrownBy(() -> ConformalCalibration.builder(1, o).add(noInterval, new double[] {1}))
                .hasMessageContaining("80.0% interval");
        ConformalCalibration c = ConformalCalibration.builder(1, new ConformalCalibration.Options(1, 0, 1))
                .add(unitForecast(), new double[] {1}).build();
        assertThatThrownBy(() -> c.apply(noInterval, 95)).hasMessageContaining("80.0% interval");
        assertThatThrownBy(() -> c.quantile(1, 100)).hasMessageContaining("100");
        assertThatThrownBy(() -> ConformalCalibration.builder(2, o).merge(ConformalCalibration.builder(3, o)))
                .hasMessageContaining("horizon of 3");
        assertThatThrownBy(() -> new ConformalCalibration.Options(0, 0, 1)).hasMessageContaining("windows");
    }

    @Test
    void merge_equalsOneBuilderOverAllSeries() {
        SplittableRandom random = new SplittableRandom(11);
        List<double[]> panel = new ArrayList<>();
        for (int s = 0; s < 40; s++) {
            double[] y = new double[30];
            for (int t = 1; t < y.length; t++) {
                y[t] = y[t - 1] + Gaussian.next(random);
            }
            panel.add(y);
        }
        ConformalCalibration.Options o = ConformalCalibration.Options.defaults().withWindows(2);
        ConformalCalibration whole = ConformalCalibration.learn(Naive.create(), panel, 1, 4, o);
        ConformalCalibration.Builder a = ConformalCalibration.builder(4, o);
        ConformalCalibration.Builder b = ConformalCalibration.builder(4, o);
        for (int s = 0; s < panel.size(); s++) {
            (s % 2 == 0 ? a : b).backtest(Naive.create(), panel.get(s), 1);
        }
        ConformalCalibration merged = a.merge(b).build();
        assertThat(merged.seriesUsed()).isEqualTo(40);
        for (int step = 1; step <= 4; step++) {
            assertThat(merged.scoreCount(step)).isEqualTo(whole.scoreCount(step)).isEqualTo(80);
            for (double level : new double[] {80, 95}) {
                assertThat(merged.quantile(step, level)).isEqualTo(whole.quantile(step, level));
            }
        }
    }

    private static Forecast unitForecast() {
        return forecast(new double[] {0}, new double[] {-1}, new double[] {1});
    }

    private static Forecast forecast(double[] mean, double[] lo, double[] hi) {
        return new Forecast("test", mean, List.of(new Interval(80, lo, hi)), Optional.empty());
    }
}

package org.marketlink.forecast.models;

import org.junit.jupiter.api.Test;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.evaluation.Backtest;
import org.marketlink.forecast.internal.Gaussian;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

class BacktestSelectionTest {
    private static final int H = 6;

    private static double[] trended(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = new double[60];
        for (int t = 0; t < y.length; t++) {
            y[t] = 20 + 2.5 * t + Gaussian.next(r);
        }
        return y;
    }

    /** The slow definition: mean absolute error of each candidate over the backtest folds. */
    private static double[] errors(List<Forecaster> candidates, double[] y, int windows) {
        double[] e = new double[candidates.size()];
        for (int c = 0; c < candidates.size(); c++) {
            double sum = 0;
            int n = 0;
            for (Backtest.Fold f : Backtest.folds(candidates.get(c), y, 1, H, windows, H)) {
                for (int k = 0; k < H; k++) {
                    sum += Math.abs(f.actual()[k] - f.forecast().mean()[k]);
                    n++;
                }
            }
            e[c] = sum / n;
        }
        return e;
    }

    @Test
    void select_forecastsWithTheCandidateThatMissedLeast() {
        double[] y = trended(3);
        List<Forecaster> candidates = List.of(Naive.create(), Ses.create(), Ets.of("AAN"));
        double[] e = errors(candidates, y, 3);
        assertThat(e[2]).as("Holt on a trend").isLessThan(Math.min(e[0], e[1]));
        Forecast f = BacktestSelection.of(new BacktestSelection.Options(H, 3, BacktestSelection.Mode.SELECT),
                candidates.toArray(Forecaster[]::new)).fit(y, 1).forecast(H, 95);
        Forecast holt = Ets.of("AAN").fit(y, 1).forecast(H, 95);
        assertThat(f.mean()).containsExactly(holt.mean());
        assertThat(f.interval(95).orElseThrow().upper()).containsExactly(holt.interval(95).orElseThrow().upper());
        assertThat(f.model()).startsWith("Selected(ETS");
    }

    @Test
    void weight_averagesEveryCandidateByInverseBacktestError() {
        double[] y = trended(8);
        List<Forecaster> candidates = List.of(Naive.create(), Ets.of("AAN"));
        double[] e = errors(candidates, y, 2);
        double w0 = (1 / e[0]) / (1 / e[0] + 1 / e[1]);
        Forecast f = BacktestSelection.of(new BacktestSelection.Options(H, 2, BacktestSelection.Mode.WEIGHT),
                candidates.toArray(Forecaster[]::new)).fit(y, 1).forecast(H, 80);
        double[] naive = Naive.create().fit(y, 1).forecast(H, 80).mean();
        double[] holt = Ets.of("AAN").fit(y, 1).forecast(H, 80).mean();
        for (int k = 0; k < H; k++) {
            assertThat(f.mean()[k]).isCloseTo(w0 * naive[k] + (1 - w0) * holt[k], offset(1e-9));
        }
        assertThat(f.model()).startsWith("Weighted(").contains(String.format(Locale.ROOT, "×%.2f", w0));
    }

    @Test
    void aSeriesTooShortToBacktest_usesTheFirstCandidate_andSaysSo() {
        double[] y = {5, 6, 7, 8, 9, 10, 11, 12};
        Forecast f = BacktestSelection.of(new BacktestSelection.Options(H, 2, BacktestSelection.Mode.SELECT),
                Naive.create(), Ses.create()).fit(y, 1).forecast(H, 95);
        assertThat(f.mean()).containsExactly(Naive.create().fit(y, 1).forecast(H).mean());
        assertThat(f.fallback()).hasValueSatisfying(r -> assertThat(r).contains("too short to backtest"));
        assertThatThrownBy(() -> BacktestSelection.of(new BacktestSelection.Options(H, 1,
                BacktestSelection.Mode.SELECT))).hasMessageContaining("at least one candidate");
        assertThatThrownBy(() -> new BacktestSelection.Options(0, 1, BacktestSelection.Mode.SELECT))
                .hasMessageContaining("horizon");
    }
}

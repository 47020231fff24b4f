package org.marketlink.forecast.evaluation;

import org.junit.jupiter.api.Test;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.models.Naive;
import org.marketlink.forecast.models.Ses;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

class BacktestTest {

    @Test
    void rollingOrigin_scoresEachOriginOnTheValuesAfterIt() {
        double[] y = new double[60];
        for (int t = 0; t < y.length; t++) {
            y[t] = 10 + t;
        }
        Backtest.Result r = Backtest.rollingOrigin(Naive.create(), y, 1, 4, 5, 3);
        assertThat(r.origins()).extracting(Backtest.Origin::trainLength).containsExactly(44, 47, 50, 53, 56);
        // naive on a unit-slope line misses by 1, 2, 3, 4: MASE = mean(1..4) / 1 = 2.5
        assertThat(r.mase()).isCloseTo(2.5, offset(1e-9));
        double expectedLast = (200.0 * 1 / (66 + 65) + 200.0 * 2 / (67 + 65) + 200.0 * 3 / (68 + 65)
                + 200.0 * 4 / (69 + 65)) / 4;
        assertThat(r.origins().get(4).smape()).isCloseTo(expectedLast, offset(1e-9));
        assertThat(Backtest.rollingOrigin(Ses.create(), y, 1, 4, 5, 3).origins()).hasSize(5);
    }

    @Test
    void rollingOrigin_tooShort_namesTheNumbers() {
        assertThatThrownBy(() -> Backtest.rollingOrigin(Naive.create(), new double[10], 1, 6, 3, 2))
                .hasMessageContaining("10 values").hasMessageContaining("3 origins");
    }

    @Test
    void folds_fitEachOriginOnTheValuesBeforeIt_andKeepTheValuesAfterIt() {
        double[] y = new double[40];
        for (int t = 0; t < y.length; t++) {
            y[t] = Math.sin(t) * 5 + t;
        }
        List<Backtest.Fold> folds = Backtest.folds(Ses.create(), y, 1, 3, 4, 5, 80, 95);
        assertThat(folds).extracting(Backtest.Fold::trainLength).containsExactly(22, 27, 32, 37);
        for (Backtest.Fold f : folds) {
            int n = f.trainLength();
            assertThat(f.actual()).containsExactly(Arrays.copyOfRange(y, n, n + 3));
            Forecast direct = Ses.create().fit(Arrays.copyOf(y, n), 1).forecast(3, 80, 95);
            assertThat(f.forecast().mean()).containsExactly(direct.mean());
            assertThat(f.forecast().interval(95).orElseThrow().upper())
                    .containsExactly(direct.interval(95).orElseThrow().upper());
        }
    }

    @Test
    void originsThatFit_keepEnoughValuesBeforeTheEarliestOrigin() {
        // 20 values, horizon 4, every 4: training parts of 16, 12 and 8 keep at least 6; 4 does not
        assertThat(Backtest.originsThatFit(20, 1, 4, 4, 5)).isEqualTo(3);
        assertThat(Backtest.originsThatFit(20, 1, 4, 4, 2)).isEqualTo(2);
        // monthly: at least 2·12 + 2 = 26 values to fit on
        assertThat(Backtest.originsThatFit(20, 12, 4, 4, 5)).isZero();
        assertThat(Backtest.originsThatFit(30, 12, 4, 4, 5)).isEqualTo(1);
    }
}

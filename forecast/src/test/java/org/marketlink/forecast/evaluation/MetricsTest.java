package org.marketlink.forecast.evaluation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

class MetricsTest {
    private static final double[] INSAMPLE = {10, 12, 11, 13, 12, 14};
    private static final double[] ACTUAL = {15, 16};
    private static final double[] FORECAST = {14, 18};

    @Test
    void values_matchHandComputations() {
        assertThat(Metrics.smape(ACTUAL, FORECAST)).isCloseTo((200.0 / 29 + 400.0 / 34) / 2, offset(1e-12));
        // in-sample naive error: |2|,|1|,|2|,|1|,|2| → mean 1.6; forecast MAE 1.5
        assertThat(Metrics.mase(INSAMPLE, ACTUAL, FORECAST, 1)).isCloseTo(1.5 / 1.6, offset(1e-12));
        // seasonal lag 2: |11-10|, |13-12|, |12-11|, |14-13| → mean 1
        assertThat(Metrics.mase(INSAMPLE, ACTUAL, FORECAST, 2)).isCloseTo(1.5, offset(1e-12));
        assertThat(Metrics.rmse(ACTUAL, FORECAST)).isCloseTo(Math.sqrt(2.5), offset(1e-12));
        assertThat(Metrics.owa(8, 2, 10, 4)).isCloseTo(0.65, offset(1e-12));
        assertThat(Metrics.coverage(ACTUAL, new double[] {14, 17}, new double[] {16, 19})).isEqualTo(0.5);
        // MSIS at 95%: widths 2 and 2, the second misses below by 1 → penalty 2/0.05·1 = 40; mean (2 + 42)/2 = 22
        assertThat(Metrics.msis(INSAMPLE, ACTUAL, new double[] {14, 17}, new double[] {16, 19}, 1, 0.05))
                .isCloseTo(22 / 1.6, offset(1e-12));
        // pinball at q = 0.9: under-forecast 1 → 0.9; over-forecast 2 → 0.2; mean 0.55
        assertThat(Metrics.pinball(ACTUAL, FORECAST, 0.9)).isCloseTo(0.55, offset(1e-12));
        assertThat(Metrics.smape(new double[] {0}, new double[] {0})).isZero();
        assertThat(Metrics.mase(new double[] {5, 5, 5}, ACTUAL, FORECAST, 1)).isNaN();
    }

    @Test
    void badArguments_areRejected() {
        assertThatThrownBy(() -> Metrics.smape(new double[1], new double[2])).hasMessageContaining("same");
        assertThatThrownBy(() -> Metrics.pinball(ACTUAL, FORECAST, 1.5)).hasMessageContaining("q");
    }
}

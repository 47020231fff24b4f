package org.marketlink.ml.forecast;

import org.junit.jupiter.api.Test;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.evaluation.Metrics;
import org.marketlink.forecast.models.Naive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GlobalGbmTest {

    @Test
    void relatedSeries_sharedWeeklyPattern_beatsNaive() {
        long seed = 17;
        Random r = new Random(seed);
        int n = 196;
        int h = 14;
        List<double[]> train = new ArrayList<>();
        List<double[]> test = new ArrayList<>();
        double[] pattern = {1.0, 1.3, 0.8, 0.7, 1.1, 1.6, 0.5};
        for (int s = 0; s < 30; s++) {
            double level = 20 + r.nextInt(500);
            double[] y = new double[n + h];
            for (int t = 0; t < y.length; t++) {
                y[t] = level * pattern[t % 7] * (1 + 0.05 * r.nextGaussian());
            }
            train.add(Arrays.copyOf(y, n));
            test.add(Arrays.copyOfRange(y, n, n + h));
        }
        GlobalGbm.Fitted model = GlobalGbm.create(new GlobalGbm.Options(0, 150, 6, 32, 5, 0.1, 150)).fit(train, 7);
        double gbm = 0;
        double naive = 0;
        for (int s = 0; s < train.size(); s++) {
            Forecast f = model.forecast(s, h, 95);
            gbm += Metrics.smape(test.get(s), f.mean());
            naive += Metrics.smape(test.get(s), Naive.create().fit(train.get(s), 7).forecast(h).mean());
            assertThat(f.interval(95).orElseThrow().upper()[h - 1]).isGreaterThan(f.mean()[h - 1]);
        }
        assertThat(gbm / train.size()).as("seed %d", seed).isLessThan(0.5 * naive / train.size());
        assertThat(model.forecast(0, 3).model()).startsWith("GlobalGBM");
    }

    @Test
    void tooLittleData_isAClearError() {
        assertThatThrownBy(() -> GlobalGbm.create().fit(List.of(new double[] {1, 2, 3}), 1))
                .hasMessageContaining("too little data");
        assertThatThrownBy(() -> new GlobalGbm.Options(0, 0, 6, 32, 5, 0.1, 10)).hasMessageContaining("trees");
    }
}

package org.marketlink.forecast.models;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Forecaster;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every model on empty, all-missing, constant, all-zero, short and gappy series: a result that says why. */
class BadInputTest {

    static Stream<Arguments> models() {
        return Stream.of(Naive.create(), SeasonalNaive.create(), Naive2.create(), Ses.create(), Theta.create(), Theta.optimized(),
                        Ets.auto(), Ets.of("MAM"), Croston.create(), Croston.sba(), Croston.tsb(),
                        Intermittent.auto(), Combination.m4Comb(), AutoForecaster.create(), Arima.auto(),
                        Arima.of(1, 1, 1, true), TemporalAggregation.adida(), TemporalAggregation.imapa(),
                        Croston.create(new Croston.Options(Croston.Variant.TSB, 0.1, 0.1,
                                Croston.IntervalMethod.EMPIRICAL)),
                        BacktestSelection.of(new BacktestSelection.Options(3, 2, BacktestSelection.Mode.WEIGHT),
                                Naive.create(), Ses.create()))
                .map(Arguments::of);
    }

    private static void wellFormed(Forecast f, int h) {
        assertThat(f.mean()).hasSize(h);
        assertThat(Arrays.stream(f.mean()).allMatch(Double::isFinite)).as(f.model()).isTrue();
        f.intervals().forEach(i -> {
            assertThat(Arrays.stream(i.lower()).allMatch(Double::isFinite)).isTrue();
            assertThat(Arrays.stream(i.upper()).allMatch(Double::isFinite)).isTrue();
            for (int k = 0; k < h; k++) {
                assertThat(i.lower()[k]).isLessThanOrEqualTo(i.upper()[k]);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void emptyAndMissing_forecastZeroAndSayWhy(Forecaster model) {
        Forecast empty = model.fit(new double[0], 12).forecast(6, 80, 95);
        wellFormed(empty, 6);
        assertThat(empty.mean()).containsOnly(0.0);
        assertThat(empty.fallback()).hasValueSatisfying(w -> assertThat(w).contains("empty"));
        Forecast missing = model.fit(new double[] {Double.NaN, Double.NaN}, 1).forecast(3, 95);
        assertThat(missing.fallback()).hasValueSatisfying(w -> assertThat(w).contains("missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void constantAndZero_forecastTheConstant(Forecaster model) {
        Forecast c = model.fit(new double[] {7, 7, 7, 7, 7, 7, 7, 7}, 4).forecast(5, 95);
        wellFormed(c, 5);
        assertThat(c.mean()).containsOnly(7.0);
        assertThat(c.fallback()).hasValueSatisfying(w -> assertThat(w).contains("constant"));
        Forecast z = model.fit(new double[20], 1).forecast(3);
        assertThat(z.mean()).containsOnly(0.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void shortAndGappySeries_stillForecast(Forecaster model) {
        Forecast one = model.fit(new double[] {3, 5}, 12).forecast(4, 80);
        wellFormed(one, 4);
        double[] gappy = new double[40];
        for (int i = 0; i < gappy.length; i++) {
            gappy[i] = 10 + Math.sin(i / 3.0) * 3 + i * 0.1;
        }
        gappy[5] = Double.NaN;
        gappy[17] = Double.NaN;
        Forecast g = model.fit(gappy, 4).forecast(8, 80, 95);
        wellFormed(g, 8);
        assertThat(g.fallback()).hasValueSatisfying(w -> assertThat(w).contains("2 missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void misuse_isAnErrorNamingTheArgument(Forecaster model) {
        var fitted = model.fit(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 1);
        assertThatThrownBy(() -> fitted.forecast(0)).hasMessageContaining("horizon");
        assertThatThrownBy(() -> fitted.forecast(3, 120)).hasMessageContaining("level");
        assertThatThrownBy(() -> model.fit(new double[] {1, Double.POSITIVE_INFINITY}, 1))
                .hasMessageContaining("infinite");
    }
}

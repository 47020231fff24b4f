package org.marketlink.forecast;

import org.junit.jupiter.api.Test;
import org.marketlink.forecast.models.Arima;
import org.marketlink.forecast.models.AutoForecaster;
import org.marketlink.forecast.models.Croston;
import org.marketlink.forecast.models.Ets;
import org.marketlink.forecast.models.Mstl;
import org.marketlink.forecast.models.Theta;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The front door hands out the same models as their own factories, fitted to the same forecasts. */
class ForecastersTest {
    private static final double[] MONTHLY = new double[48];

    static {
        for (int t = 0; t < MONTHLY.length; t++) {
            MONTHLY[t] = 100 + 2 * t + 15 * Math.sin(2 * Math.PI * t / 12) + (t * 7919 % 13) - 6;
        }
    }

    @Test
    void eachDoor_forecastsAsTheModelsOwnFactory() {
        List<Supplier<Forecaster>[]> pairs = List.of(
                pair(Forecasters::auto, AutoForecaster::create), pair(Forecasters::ets, Ets::auto),
                pair(() -> Forecasters.ets("AAN"), () -> Ets.of("AAN")), pair(Forecasters::arima, Arima::auto),
                pair(Forecasters::theta, Theta::create), pair(Forecasters::optimizedTheta, Theta::optimized),
                pair(Forecasters::croston, Croston::create), pair(Forecasters::tsb, Croston::tsb),
                pair(Forecasters::mstl, Mstl::auto));
        for (Supplier<Forecaster>[] p : pairs) {
            Forecast a = p[0].get().fit(MONTHLY, 12).forecast(6, 80, 95);
            Forecast b = p[1].get().fit(MONTHLY, 12).forecast(6, 80, 95);
            assertThat(a.model()).isEqualTo(b.model());
            assertThat(a.mean()).containsExactly(b.mean());
        }
    }

    @Test
    void combinations_andSimpleMethods_forecastEveryStep() {
        for (Forecaster f : List.of(Forecasters.mean(Forecasters.naive(), Forecasters.ses()),
                Forecasters.median(Forecasters.naive(), Forecasters.seasonalNaive(), Forecasters.naive2()),
                Forecasters.seasonallyAdjusted(Forecasters.ses()), Forecasters.intermittent(), Forecasters.sba(),
                Forecasters.arima(1, 1, 0, false))) {
            Forecast forecast = f.fit(MONTHLY, 12).forecast(6, 95);
            assertThat(forecast.mean()).as(f.name()).hasSize(6);
            assertThat(Arrays.stream(forecast.mean()).allMatch(Double::isFinite)).as(f.name()).isTrue();
        }
    }

    @SafeVarargs
    private static Supplier<Forecaster>[] pair(Supplier<Forecaster>... two) {
        return two;
    }
}

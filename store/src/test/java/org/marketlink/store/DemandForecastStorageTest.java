package org.marketlink.store;

import org.junit.jupiter.api.Test;
import org.marketlink.core.model.DemandForecast;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;
import org.marketlink.core.timeseries.Frequency;
import org.marketlink.core.timeseries.TimeSeries;
import org.marketlink.forecast.BatchForecaster;
import org.marketlink.forecast.models.AutoForecaster;
import org.marketlink.testing.Samples;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Forecast rows from the forecast module are stored and read back unchanged. */
class DemandForecastStorageTest {

    @Test
    void batchForecastRows_roundTripThroughTheStore() {
        double[] v = new double[36];
        for (int t = 0; t < v.length; t++) {
            v[t] = 100 + 10 * Math.sin(2 * Math.PI * t / 12) + (t % 3);
        }
        TimeSeries series = TimeSeries.of("maize", LocalDateTime.of(2023, 1, 1, 0, 0), Frequency.MONTHLY, v);
        BatchForecaster.Result r = BatchForecaster.of(AutoForecaster.create(),
                BatchForecaster.Options.defaults().withParallelism(1).withHorizon(6))
                .runAll(List.of(new BatchForecaster.Task("maize", series))).get(0);
        try (MarketStore store = MarketStore.inMemory()) {
            Shg shg = Samples.shgWithoutBank("Umoja");
            store.shgs().insert(shg);
            Product p = Samples.product(shg.id(), "Maize");
            store.products().insert(p);
            List<DemandForecast> rows = BatchForecaster.toDemandForecasts(p.id(), r.series(),
                    r.forecast().orElseThrow(), 95, Samples.T0);
            store.forecasts().upsertAll(rows);
            assertThat(store.forecasts().findByProduct(p.id(), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)))
                    .isEqualTo(rows);
        }
    }
}

package org.marketlink.forecast;

import org.junit.jupiter.api.Test;
import org.marketlink.core.model.DemandForecast;
import org.marketlink.core.model.Product;
import org.marketlink.core.timeseries.Frequency;
import org.marketlink.core.timeseries.TimeSeries;
import org.marketlink.forecast.models.AutoForecaster;
import org.marketlink.testing.Samples;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BatchForecasterTest {

    @Test
    void batch_isolatesBadSeriesAndWritesDemandForecasts() {
        Random random = new Random(11);
        List<BatchForecaster.Task> tasks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double[] v = new double[36];
            for (int t = 0; t < v.length; t++) {
                v[t] = i % 5 == 0 ? (random.nextInt(4) == 0 ? random.nextInt(5) + 1 : 0)
                        : 100 + 10 * Math.sin(2 * Math.PI * t / 12) + random.nextGaussian() * 3;
            }
            tasks.add(new BatchForecaster.Task("p" + i, TimeSeries.of("p" + i, LocalDateTime.of(2023, 1, 1, 0, 0),
                    Frequency.MONTHLY, v)));
        }
        tasks.add(new BatchForecaster.Task("empty", TimeSeries.of("empty", LocalDateTime.of(2023, 1, 1, 0, 0),
                Frequency.MONTHLY)));
        // a method that throws on one series must not stop the others
        Forecaster flaky = new Forecaster() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public FittedModel fit(double[] series, int m) {
                if (series.length == 36 && series[0] == series[0] && series[0] > 109.5) {
                    throw new IllegalStateException("boom");
                }
                return AutoForecaster.create().fit(series, m);
            }
        };
        BatchForecaster batch = BatchForecaster.of(flaky, BatchForecaster.Options.defaults().withParallelism(2)
                .withHorizon(6));
        List<BatchForecaster.Result> results = batch.runAll(tasks);
        assertThat(results).hasSize(41);
        assertThat(results.get(40).key()).isEqualTo("empty");
        assertThat(results.get(40).forecast().orElseThrow().fallback()).isPresent();
        long failed = results.stream().filter(r -> r.error().isPresent()).count();
        assertThat(results.stream().filter(r -> r.error().isPresent()))
                .allMatch(r -> r.error().get().contains("boom"));
        assertThat(results.stream().filter(r -> r.forecast().isPresent()).count()).isEqualTo(41 - failed);
        assertThat(results.get(0).forecast().orElseThrow().model()).contains("Croston", "intermittent");

        Product p = Samples.product(Samples.shgWithoutBank("Umoja").id(), "Maize");
        BatchForecaster.Result r = results.get(1);
        List<DemandForecast> rows = BatchForecaster.toDemandForecasts(p.id(), r.series(), r.forecast().orElseThrow(),
                95, Samples.T0);
        assertThat(rows).hasSize(6);
        assertThat(rows.get(0).forecastDate()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(rows.get(0).periodDays()).isEqualTo(31);
        assertThat(rows.get(1).periodDays()).isEqualTo(28);
        assertThat(rows).allMatch(d -> d.lowerBound() <= d.predictedDemand() && d.predictedDemand() <= d.upperBound());
        assertThat(rows).allMatch(d -> d.productId().equals(p.id()));
    }
}

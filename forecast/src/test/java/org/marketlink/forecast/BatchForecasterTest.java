package org.marketlink.forecast;

import org.junit.jupiter.api.Test;
import org.marketlink.core.model.DemandForecast;
import org.marketlink.core.model.Product;
import org.marketlink.core.timeseries.Frequency;
import org.marketlink.core.timeseries.TimeSeries;
import org.marketlink.forecast.calibration.Calibrated;
import org.marketlink.forecast.calibration.ConformalCalibration;
import org.marketlink.forecast.models.AutoForecaster;
import org.marketlink.testing.Samples;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

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

    private static List<BatchForecaster.Task> seasonal(int n) {
        Random random = new Random(5);
        List<BatchForecaster.Task> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] v = new double[48];
            for (int t = 0; t < v.length; t++) {
                v[t] = 50 + 8 * Math.sin(2 * Math.PI * t / 12) + random.nextGaussian();
            }
            tasks.add(new BatchForecaster.Task("s" + i, TimeSeries.of("s" + i, LocalDateTime.of(2023, 1, 1, 0, 0),
                    Frequency.MONTHLY, v)));
        }
        return tasks;
    }

    @Test
    void onTheHostsExecutor_everySeriesIsForecastOnItsThreadsOrTheCallers() {
        ExecutorService host = Executors.newFixedThreadPool(2, r -> new Thread(r, "host-forecaster"));
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Forecaster watched = new Forecaster() {
            @Override
            public String name() {
                return "watched";
            }

            @Override
            public FittedModel fit(double[] series, int m) {
                threads.add(Thread.currentThread().getName());
                return Forecasters.ets().fit(series, m);
            }
        };
        BatchForecaster.Options options = BatchForecaster.Options.defaults().withParallelism(3).withHorizon(6);
        try {
            List<BatchForecaster.Result> results = BatchForecaster.of(watched, options).onExecutor(host)
                    .runAll(seasonal(30));
            assertThat(results).hasSize(30).allMatch(r -> r.forecast().isPresent());
            assertThat(threads).contains("host-forecaster").noneMatch(t -> t.startsWith("marketlink-"));
        } finally {
            host.shutdownNow();
        }
        // an executor that queues and never runs, and one that rejects: the calling thread does the work
        List<Runnable> neverRun = new ArrayList<>();
        threads.clear();
        assertThat(BatchForecaster.of(watched, options).onExecutor(neverRun::add).runAll(seasonal(10))).hasSize(10);
        assertThat(BatchForecaster.of(watched, options).onExecutor(task -> {
            throw new RejectedExecutionException("full");
        }).runAll(seasonal(10))).hasSize(10);
        assertThat(neverRun).hasSize(10);
        assertThat(threads).containsOnly(Thread.currentThread().getName());
    }

    @Test
    void calibratedOn_learnsFromTheBatchsOwnSeries_asTheSequentialCalibrationDoes() {
        Random random = new Random(5);
        List<BatchForecaster.Task> tasks = new ArrayList<>();
        List<double[]> panel = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            double[] v = new double[40];
            v[0] = 50;
            for (int t = 1; t < v.length; t++) {
                v[t] = v[t - 1] + random.nextGaussian() + 0.3 * (i % 3);
            }
            panel.add(v);
            tasks.add(new BatchForecaster.Task("s" + i, TimeSeries.of("s" + i, LocalDateTime.of(2023, 1, 1, 0, 0),
                    Frequency.MONTHLY, v)));
        }
        tasks.add(new BatchForecaster.Task("short", TimeSeries.of("short", LocalDateTime.of(2023, 1, 1, 0, 0),
                Frequency.MONTHLY, 1, 2, 3)));
        Forecaster ses = Forecasters.ses();
        ConformalCalibration.Options o = ConformalCalibration.Options.defaults().withWindows(2);
        BatchForecaster batch = BatchForecaster.of(ses, BatchForecaster.Options.defaults().withParallelism(2)
                .withHorizon(4)).calibratedOn(tasks, o);
        ConformalCalibration sequential = ConformalCalibration.learn(ses, panel, 12, 4, o);
        List<BatchForecaster.Result> results = batch.runAll(tasks);
        assertThat(results).hasSize(31).allSatisfy(r -> assertThat(r.forecast()).isPresent());
        Forecast f = results.get(0).forecast().orElseThrow();
        Forecast expected = Calibrated.of(ses, sequential).fit(panel.get(0), 12).forecast(4, 80, 95);
        assertThat(f.model()).contains("conformal");
        assertThat(f.interval(95).orElseThrow().upper()).containsExactly(expected.interval(95).orElseThrow().upper());
        assertThat(f.interval(80).orElseThrow().lower()).containsExactly(expected.interval(80).orElseThrow().lower());
    }
}

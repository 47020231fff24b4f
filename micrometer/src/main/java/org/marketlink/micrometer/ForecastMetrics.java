package org.marketlink.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.marketlink.core.Checks;
import org.marketlink.forecast.BatchForecaster;
import org.marketlink.forecast.Forecast;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Forecast batches as meters:
 *
 * <ul>
 *   <li>{@code marketlink.forecast.series} and {@code marketlink.forecast.failures} (counters) and
 *   {@code marketlink.forecast.batch} (timer), from each batch's {@link BatchForecaster.Report};</li>
 *   <li>{@code marketlink.forecast.series.rate} (gauge): series per second of the latest batch;</li>
 *   <li>{@code marketlink.forecast.models} (counter, tags {@code model}, {@code fallback}: {@code yes} when a simpler
 *   model stood in, else {@code no}), counted from the results passed through {@link #counting}.</li>
 * </ul>
 *
 * <p>A fallback's reason is free text and is not a tag; the model that stood in is. Thread-safe.
 */
public final class ForecastMetrics {
    private final MeterRegistry registry;
    private final Counter series;
    private final Counter failures;
    private final Timer batch;
    private final AtomicLong rate = new AtomicLong(Double.doubleToLongBits(Double.NaN));

    private ForecastMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.series = Counter.builder("marketlink.forecast.series").description("series forecast")
                .register(registry);
        this.failures = Counter.builder("marketlink.forecast.failures").description("series that could not be forecast")
                .register(registry);
        this.batch = Timer.builder("marketlink.forecast.batch").description("forecast batches").register(registry);
        Gauge.builder("marketlink.forecast.series.rate", rate, bits -> Double.longBitsToDouble(bits.get()))
                .description("series per second of the latest batch").register(registry);
    }

    /**
     * Forecast meters in {@code registry}.
     *
     * @param registry the host's registry
     * @return the recorder
     */
    public static ForecastMetrics of(MeterRegistry registry) {
        return new ForecastMetrics(Checks.notNull("registry", registry));
    }

    /**
     * Moves the batch meters by one batch's report.
     *
     * @param report what {@link BatchForecaster#run} returned
     */
    public void record(BatchForecaster.Report report) {
        Checks.notNull("report", report);
        series.increment(report.series());
        failures.increment(report.failed());
        batch.record(Duration.ofNanos((long) (report.seconds() * 1e9)));
        rate.set(Double.doubleToLongBits(report.seriesPerSecond()));
    }

    /**
     * {@code results}, counting each result's model on the way.
     *
     * @param results where the batch's results go
     * @return a consumer to give to {@link BatchForecaster#run}
     */
    public Consumer<BatchForecaster.Result> counting(Consumer<BatchForecaster.Result> results) {
        Checks.notNull("results", results);
        return r -> {
            if (r.forecast().isPresent()) {
                Forecast f = r.forecast().get();
                Counter.builder("marketlink.forecast.models").tag("model", f.model())
                        .tag("fallback", f.fallback().isPresent() ? "yes" : "no")
                        .description("forecasts by the model that made them").register(registry).increment();
            }
            results.accept(r);
        };
    }
}

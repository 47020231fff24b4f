package org.marketlink.forecast;

import org.marketlink.core.timeseries.IntervalPredictor;
import org.marketlink.forecast.models.Ets;

/**
 * The forecast module's {@link IntervalPredictor}: a one-step forecast and interval from any forecaster (AutoETS by
 * default), for the quality module's seasonal anomaly check. Thread-safe.
 */
public final class ForecastIntervalPredictor implements IntervalPredictor {
    private final Forecaster method;

    /** A predictor that fits {@code method} to each history it is given. */
    public ForecastIntervalPredictor(Forecaster method) {
        this.method = method;
    }

    /** A predictor on automatic ETS, the default of the seasonal anomaly check. */
    public static ForecastIntervalPredictor autoEts() {
        return new ForecastIntervalPredictor(Ets.auto());
    }

    @Override
    public double[] next(double[] history, int seasonalPeriod, double level) {
        Forecast f = method.fit(history, seasonalPeriod).forecast(1, level);
        Interval i = f.interval(level).orElseThrow();
        return new double[] {i.lower()[0], f.mean()[0], i.upper()[0]};
    }
}

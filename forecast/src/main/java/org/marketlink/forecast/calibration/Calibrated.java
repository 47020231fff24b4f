package org.marketlink.forecast.calibration;

import org.marketlink.core.Checks;
import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Forecaster;

/**
 * A forecaster whose intervals come from a {@link ConformalCalibration}: the wrapped method makes the point forecast
 * and its {@value ConformalCalibration#REFERENCE_LEVEL}% interval, the calibration turns that into intervals at the
 * requested levels. Point forecasts are the wrapped method's, unchanged. Immutable and thread-safe.
 *
 * <pre>{@code
 * Forecaster auto = Forecasters.auto();
 * ConformalCalibration widths = ConformalCalibration.learn(auto, lastMonthsSeries, 12, 6,
 *         ConformalCalibration.Options.defaults());
 * Forecast f = Calibrated.of(auto, widths).fit(series, 12).forecast(6, 80, 95);
 * }</pre>
 */
public final class Calibrated implements Forecaster {
    private final Forecaster method;
    private final ConformalCalibration calibration;

    private Calibrated(Forecaster method, ConformalCalibration calibration) {
        this.method = method;
        this.calibration = calibration;
    }

    /** {@code method} with intervals from {@code calibration}. */
    public static Calibrated of(Forecaster method, ConformalCalibration calibration) {
        return new Calibrated(Checks.notNull("method", method), Checks.notNull("calibration", calibration));
    }

    /**
     * {@code method} calibrated on {@code panel} with the default options: a shortcut for
     * {@code of(method, ConformalCalibration.learn(method, panel, seasonalPeriod, horizon, Options.defaults()))}.
     */
    public static Calibrated learn(Forecaster method, Iterable<double[]> panel, int seasonalPeriod, int horizon) {
        return of(method, ConformalCalibration.learn(method, panel, seasonalPeriod, horizon,
                ConformalCalibration.Options.defaults()));
    }

    /** The calibration applied. */
    public ConformalCalibration calibration() {
        return calibration;
    }

    @Override
    public String name() {
        return method.name() + "+conformal";
    }

    @Override
    public FittedModel fit(double[] series, int seasonalPeriod) {
        FittedModel fitted = method.fit(series, seasonalPeriod);
        return (horizon, levels) -> {
            Forecast raw = fitted.forecast(horizon, ConformalCalibration.REFERENCE_LEVEL);
            return calibration.apply(raw, levels);
        };
    }
}

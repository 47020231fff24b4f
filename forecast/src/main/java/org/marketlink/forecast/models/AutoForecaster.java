package org.marketlink.forecast.models;

import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.Prepared;

/**
 * The default forecaster: intermittent and lumpy demand goes to Croston or SBA (see {@link Intermittent});
 * hourly series (a seasonal period of 24) that hold two weeks to the mean of AutoARIMA and MSTL with a daily and a
 * weekly cycle and AutoARIMA on the adjusted series (chosen on the last 48 hours of M4-Hourly's training parts, where
 * it scored OWA 0.552 against AutoARIMA's 0.607); other long or high-frequency series (at least 300 observations, or a seasonal period of 24 or more) to AutoARIMA alone;
 * short series (under 60 observations) to the mean of AutoETS, AutoARIMA, classic and optimised Theta; everything
 * else to the mean of AutoETS and AutoARIMA. These choices did best across the M3 and M4 sets in {@code shared/data/forecast} among the variants
 * tried (see the forecast benchmark). The forecast names every model used.
 * Immutable and thread-safe.
 */
public final class AutoForecaster implements Forecaster {
    /** From this many observations (or a seasonal period this long) ARIMA alone forecasts best. */
    private static final int LONG_SERIES = 300;
    private static final int HIGH_FREQUENCY_PERIOD = 24;
    private static final int HOURS_A_DAY = 24;
    private static final int HOURS_A_WEEK = 168;

    /** Below this many observations Theta gets more weight (the optimised variant joins the mean). */
    private static final int SHORT_SERIES = 60;

    private final Forecaster regular;
    private final Forecaster shortSeries = Combination.of(Combination.Method.MEAN, Ets.auto(), Arima.auto(),
            Theta.create(), Theta.optimized());
    private final Forecaster longSeries = Arima.auto();
    private final Forecaster hourly = Combination.of(Combination.Method.MEAN, Arima.auto(),
            Mstl.of(HOURS_A_DAY, HOURS_A_WEEK).withAdjustedForecaster(Arima.auto()));
    private final Intermittent intermittent;

    private AutoForecaster() {
        this.regular = Combination.of(Combination.Method.MEAN, Ets.auto(), Arima.auto());
        this.intermittent = Intermittent.withRegular(regular);
    }

    /** The default forecaster, as described above. */
    public static AutoForecaster create() {
        return new AutoForecaster();
    }

    @Override
    public String name() {
        return "Auto";
    }

    @Override
    public FittedModel fit(double[] series, int seasonalPeriod) {
        Prepared p = Prepared.of(series);
        if (p.kind() == Prepared.Kind.REGULAR) {
            Intermittent.Pattern pattern = Intermittent.classify(p.values());
            if (pattern == Intermittent.Pattern.INTERMITTENT || pattern == Intermittent.Pattern.LUMPY) {
                return intermittent.fit(series, seasonalPeriod);
            }
        }
        if (p.kind() == Prepared.Kind.REGULAR && seasonalPeriod == HOURS_A_DAY
                && p.values().length >= 2 * HOURS_A_WEEK) {
            return hourly.fit(series, seasonalPeriod);
        }
        if (p.kind() == Prepared.Kind.REGULAR
                && (p.values().length >= LONG_SERIES || seasonalPeriod >= HIGH_FREQUENCY_PERIOD)) {
            return longSeries.fit(series, seasonalPeriod);
        }
        if (p.kind() == Prepared.Kind.REGULAR && p.values().length < SHORT_SERIES) {
            return shortSeries.fit(series, seasonalPeriod);
        }
        return regular.fit(series, seasonalPeriod);
    }
}

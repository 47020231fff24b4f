package org.marketlink.forecast.internal;

import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Interval;
import org.marketlink.forecast.Intervals;
import org.marketlink.forecast.ModelSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;

/**
 * A fitted model given by its point forecast and forecast standard error per step, optionally on a seasonally
 * adjusted scale (forecasts and bounds are then multiplied by the seasonal index of their step).
 */
public final class SimpleModel implements FittedModel {
    private final String description;
    private final Optional<String> fallback;
    private final IntToDoubleFunction mean;
    private final IntToDoubleFunction se;
    private final SeasonalAdjustment adjustment;
    private final boolean nonNegative;
    private final ModelSummary summary;

    public SimpleModel(String description, Optional<String> fallback, IntToDoubleFunction mean,
                       IntToDoubleFunction se, SeasonalAdjustment adjustment, boolean nonNegative) {
        this(description, fallback, mean, se, adjustment, nonNegative, null);
    }

    private SimpleModel(String description, Optional<String> fallback, IntToDoubleFunction mean,
                        IntToDoubleFunction se, SeasonalAdjustment adjustment, boolean nonNegative,
                        ModelSummary summary) {
        this.description = description;
        this.fallback = fallback;
        this.mean = mean;
        this.se = se;
        this.adjustment = adjustment;
        this.nonNegative = nonNegative;
        this.summary = summary;
    }

    /**
     * The same model with the in-sample fit of a lag rule: observation {@code t}'s fitted value is observation
     * {@code t - lag} of {@code y} (the prepared series), NaN for the first {@code lag}; residuals are masked where
     * {@code series} (as given) is missing.
     */
    public SimpleModel withLagFit(double[] y, int lag, double[] series) {
        double[] fitted = new double[y.length];
        double[] residuals = new double[y.length];
        for (int t = 0; t < y.length; t++) {
            fitted[t] = t < lag ? Double.NaN : y[t - lag];
            residuals[t] = y[t] - fitted[t];
        }
        double sd = Naives.lagSe(y, lag);
        ModelSummary s = Summaries.masked(ModelSummary.withoutLikelihood(description, fitted, residuals, 0, sd * sd),
                series);
        return new SimpleModel(description, fallback, mean, se, adjustment, nonNegative, s);
    }

    @Override
    public Optional<ModelSummary> summary() {
        return Optional.ofNullable(summary);
    }

    /** A flat forecast of {@code value} with zero-width intervals, for empty and constant series. */
    public static SimpleModel constant(double value, String description, String why) {
        return new SimpleModel(description, Optional.of(why), h -> value, h -> 0, null, false);
    }

    @Override
    public Forecast forecast(int horizon, double... levels) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1, was " + horizon);
        }
        double[] point = new double[horizon];
        for (int h = 1; h <= horizon; h++) {
            point[h - 1] = mean.applyAsDouble(h);
        }
        List<Interval> raw = Intervals.normal(point, se, levels, false);
        List<Interval> intervals = new ArrayList<>(raw.size());
        for (Interval i : raw) {
            double[] lo = i.lower();
            double[] hi = i.upper();
            if (adjustment != null) {
                adjustment.reseasonalize(lo);
                adjustment.reseasonalize(hi);
            }
            if (nonNegative) {
                clip(lo);
                clip(hi);
            }
            intervals.add(new Interval(i.level(), lo, hi));
        }
        if (adjustment != null) {
            adjustment.reseasonalize(point);
        }
        if (nonNegative) {
            clip(point);
        }
        return new Forecast(description, point, intervals, fallback);
    }

    private static void clip(double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0) {
                v[i] = 0;
            }
        }
    }

    @Override
    public String toString() {
        return description + fallback.map(f -> " (fallback: " + f + ")").orElse("");
    }
}

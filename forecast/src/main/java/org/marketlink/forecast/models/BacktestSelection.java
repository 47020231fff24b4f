package org.marketlink.forecast.models;

import org.marketlink.core.Checks;
import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.Interval;
import org.marketlink.forecast.evaluation.Backtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Chooses among candidate methods per series by a rolling-origin backtest on the series itself: each candidate is
 * fitted at {@link Options#windows} origins, {@link Options#horizon} values apart, and scored by its mean absolute
 * error on the values that followed. {@link Mode#SELECT} then forecasts with the candidate that missed least;
 * {@link Mode#WEIGHT} combines all candidates' forecasts and bounds with weights proportional to 1 / error. A series
 * too short for one window (the first origin must keep {@code max(6, 2·period + 2)} values) is forecast by the first
 * candidate, and the forecast's fallback says so. The forecast names the choice and the weights. Immutable and
 * thread-safe.
 */
public final class BacktestSelection implements Forecaster {
    /** How the backtest errors are used. */
    public enum Mode {
        /** The candidate with the smallest backtest error forecasts alone. */
        SELECT,
        /** Every candidate forecasts; forecasts and bounds are averaged with weights proportional to 1 / error. */
        WEIGHT
    }

    /**
     * @param horizon values forecast from each backtest origin (use the horizon you will forecast)
     * @param windows backtest origins per series
     * @param mode    select one candidate or weight them all
     */
    public record Options(int horizon, int windows, Mode mode) {
        /** Checks the components. */
        public Options {
            Checks.atLeast("horizon", horizon, 1);
            Checks.atLeast("windows", windows, 1);
            Checks.notNull("mode", mode);
        }
    }

    private final List<Forecaster> candidates;
    private final Options options;

    private BacktestSelection(List<Forecaster> candidates, Options options) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("a backtest selection needs at least one candidate");
        }
        this.candidates = List.copyOf(candidates);
        this.options = Checks.notNull("options", options);
    }

    /** A selection among {@code candidates}; the first is the one used on series too short to backtest. */
    public static BacktestSelection of(Options options, Forecaster... candidates) {
        return new BacktestSelection(Arrays.asList(candidates), options);
    }

    @Override
    public String name() {
        return (options.mode() == Mode.SELECT ? "Select" : "Weight") + candidates.stream().map(Forecaster::name)
                .collect(Collectors.joining(",", "(", ")"));
    }

    @Override
    public FittedModel fit(double[] series, int seasonalPeriod) {
        int h = options.horizon();
        int windows = Backtest.originsThatFit(series.length, seasonalPeriod, h, h, options.windows());
        if (windows == 0) {
            FittedModel first = candidates.get(0).fit(series, seasonalPeriod);
            return (horizon, levels) -> {
                Forecast f = first.forecast(horizon, levels);
                String why = "series of " + series.length + " values too short to backtest at horizon " + h
                        + "; first candidate used";
                return new Forecast(f.model(), f.mean(), f.intervals(),
                        Optional.of(f.fallback().map(r -> r + "; " + why).orElse(why)));
            };
        }
        double[] error = new double[candidates.size()];
        for (int c = 0; c < candidates.size(); c++) {
            double sum = 0;
            int n = 0;
            for (Backtest.Fold fold : Backtest.folds(candidates.get(c), series, seasonalPeriod, h, windows, h)) {
                double[] mean = fold.forecast().mean();
                double[] actual = fold.actual();
                for (int k = 0; k < h; k++) {
                    if (!Double.isNaN(actual[k])) {
                        sum += Math.abs(actual[k] - mean[k]);
                        n++;
                    }
                }
            }
            error[c] = n == 0 || Double.isNaN(sum) ? Double.POSITIVE_INFINITY : sum / n;
        }
        double[] weight = weights(error);
        List<FittedModel> fitted = new ArrayList<>();
        List<Double> used = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            if (weight[c] > 0) {
                fitted.add(candidates.get(c).fit(series, seasonalPeriod));
                used.add(weight[c]);
            }
        }
        return (horizon, levels) -> combine(fitted, used, horizon, levels);
    }

    /** Weights summing to 1: all on the least error (SELECT), or proportional to 1 / error (WEIGHT). */
    private double[] weights(double[] error) {
        double[] w = new double[error.length];
        int best = 0;
        for (int c = 1; c < error.length; c++) {
            if (error[c] < error[best]) {
                best = c;
            }
        }
        if (options.mode() == Mode.SELECT || error[best] == 0 || Double.isInfinite(error[best])) {
            w[best] = 1; // a perfect (or the only finite) backtest needs no company
            return w;
        }
        double total = 0;
        for (int c = 0; c < error.length; c++) {
            w[c] = Double.isFinite(error[c]) ? 1 / error[c] : 0;
            total += w[c];
        }
        for (int c = 0; c < error.length; c++) {
            w[c] /= total;
        }
        return w;
    }

    private static Forecast combine(List<FittedModel> fitted, List<Double> weights, int horizon, double[] levels) {
        List<Forecast> forecasts = new ArrayList<>();
        for (FittedModel m : fitted) {
            forecasts.add(m.forecast(horizon, levels));
        }
        double[] mean = new double[horizon];
        for (int c = 0; c < forecasts.size(); c++) {
            double[] m = forecasts.get(c).mean();
            for (int k = 0; k < horizon; k++) {
                mean[k] += weights.get(c) * m[k];
            }
        }
        List<Interval> intervals = new ArrayList<>();
        for (double level : levels) {
            double[] lo = new double[horizon];
            double[] hi = new double[horizon];
            for (int c = 0; c < forecasts.size(); c++) {
                Interval i = forecasts.get(c).interval(level).orElseThrow();
                double[] l = i.lower();
                double[] u = i.upper();
                for (int k = 0; k < horizon; k++) {
                    lo[k] += weights.get(c) * l[k];
                    hi[k] += weights.get(c) * u[k];
                }
            }
            intervals.add(new Interval(level, lo, hi));
        }
        StringBuilder model = new StringBuilder(forecasts.size() == 1 ? "Selected(" : "Weighted(");
        for (int c = 0; c < forecasts.size(); c++) {
            model.append(c == 0 ? "" : ", ").append(forecasts.get(c).model());
            if (forecasts.size() > 1) {
                model.append(String.format(Locale.ROOT, " ×%.2f", weights.get(c)));
            }
        }
        List<String> reasons = forecasts.stream().flatMap(f -> f.fallback().stream()).distinct().toList();
        return new Forecast(model.append(')').toString(), mean, intervals,
                reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons)));
    }
}

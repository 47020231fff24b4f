package org.marketlink.forecast.models;

import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.Interval;
import org.marketlink.forecast.ModelSummary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The mean or median of several methods' forecasts, step by step (the M4 "Comb" idea). Interval bounds are
 * combined the same way. The result names every member model and any member fallback. Immutable and thread-safe.
 */
public final class Combination implements Forecaster {
    /** How member forecasts are combined. */
    public enum Method {
        /** The mean of the members' forecasts and bounds, step by step. */
        MEAN,
        /** The median of the members' forecasts and bounds, step by step. */
        MEDIAN
    }

    private final List<Forecaster> members;
    private final Method method;

    private Combination(List<Forecaster> members, Method method) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a combination needs at least one method");
        }
        this.members = List.copyOf(members);
        this.method = method;
    }

    /** A combination of {@code members}, combined by {@code method}. */
    public static Combination of(Method method, Forecaster... members) {
        return new Combination(Arrays.asList(members), method);
    }

    /**
     * The mean of SES, Holt and damped Holt on the M4 seasonally adjusted series, as the M4 competition's Comb
     * benchmark.
     */
    public static Combination m4Comb() {
        return of(Method.MEAN, Ses.create(), SeasonallyAdjusted.of(Ets.of("AAN")),
                SeasonallyAdjusted.of(Ets.of("AAdN")));
    }

    @Override
    public String name() {
        return (method == Method.MEAN ? "Mean" : "Median") + members.stream().map(Forecaster::name)
                .collect(Collectors.joining(",", "(", ")"));
    }

    @Override
    public FittedModel fit(double[] series, int seasonalPeriod) {
        List<FittedModel> fitted = new ArrayList<>();
        for (Forecaster f : members) {
            fitted.add(f.fit(series, seasonalPeriod));
        }
        return new FittedModel() {
            @Override
            public Forecast forecast(int h, double... levels) {
                return combined(fitted, h, levels);
            }

            @Override
            public Optional<ModelSummary> summary() {
                return combinedSummary(fitted);
            }
        };
    }

    /**
     * The members' in-sample fits combined as their forecasts are, when every member has one: the combined fitted
     * value, and the observation minus it. There is no likelihood, and {@code fitDf} is 0.
     */
    private Optional<ModelSummary> combinedSummary(List<FittedModel> fitted) {
        List<ModelSummary> parts = new ArrayList<>();
        for (FittedModel m : fitted) {
            Optional<ModelSummary> s = m.summary();
            if (s.isEmpty()) {
                return Optional.empty();
            }
            parts.add(s.get());
        }
        int n = parts.get(0).fitted().length;
        List<double[]> columns = new ArrayList<>();
        for (ModelSummary s : parts) {
            if (s.fitted().length != n) {
                return Optional.empty();
            }
            columns.add(s.fitted());
        }
        double[] combinedFit = combine(columns, n);
        for (double[] c : columns) {
            for (int t = 0; t < n; t++) {
                if (Double.isNaN(c[t])) {
                    combinedFit[t] = Double.NaN; // a median would otherwise sort the missing value last
                }
            }
        }
        double[] first = parts.get(0).fitted();
        double[] firstResidual = parts.get(0).residuals();
        double[] residuals = new double[n];
        double squares = 0;
        int count = 0;
        for (int t = 0; t < n; t++) {
            // the observation is the first member's fitted value plus its residual (NaN where it is missing)
            residuals[t] = first[t] + firstResidual[t] - combinedFit[t];
            if (!Double.isNaN(residuals[t])) {
                squares += residuals[t] * residuals[t];
                count++;
            }
        }
        String model = (method == Method.MEAN ? "Mean" : "Median")
                + parts.stream().map(ModelSummary::model).collect(Collectors.joining(", ", "(", ")"));
        return Optional.of(ModelSummary.withoutLikelihood(model, combinedFit, residuals, 0,
                count == 0 ? Double.NaN : squares / count));
    }

    private Forecast combined(List<FittedModel> fitted, int h, double... levels) {
        List<Forecast> forecasts = new ArrayList<>();
        for (FittedModel m : fitted) {
            forecasts.add(m.forecast(h, levels));
        }
        double[] mean = combine(forecasts.stream().map(Forecast::mean).toList(), h);
        List<Interval> intervals = new ArrayList<>();
        for (double level : levels) {
            List<double[]> lo = new ArrayList<>();
            List<double[]> hi = new ArrayList<>();
            for (Forecast f : forecasts) {
                Interval i = f.interval(level).orElseThrow();
                lo.add(i.lower());
                hi.add(i.upper());
            }
            intervals.add(new Interval(level, combine(lo, h), combine(hi, h)));
        }
        String model = (method == Method.MEAN ? "Mean" : "Median")
                + forecasts.stream().map(Forecast::model).collect(Collectors.joining(", ", "(", ")"));
        List<String> reasons = forecasts.stream().flatMap(f -> f.fallback().stream()).distinct().toList();
        return new Forecast(model, mean, intervals,
                reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons)));
    }

    private double[] combine(List<double[]> values, int h) {
        double[] out = new double[h];
        double[] column = new double[values.size()];
        for (int i = 0; i < h; i++) {
            for (int k = 0; k < values.size(); k++) {
                column[k] = values.get(k)[i];
            }
            if (method == Method.MEAN) {
                double s = 0;
                for (double v : column) {
                    s += v;
                }
                out[i] = s / column.length;
            } else {
                double[] sorted = column.clone();
                Arrays.sort(sorted);
                int n = sorted.length;
                out[i] = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            }
        }
        return out;
    }
}

package org.marketlink.forecast.models;

import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.Interval;

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
        return (h, levels) -> {
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
        };
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

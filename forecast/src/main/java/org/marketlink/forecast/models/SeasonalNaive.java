package org.marketlink.forecast.models;

import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.Prepared;
import org.marketlink.forecast.internal.Fallbacks;
import org.marketlink.forecast.internal.Naives;
import org.marketlink.forecast.internal.SimpleModel;

/**
 * Each step repeats the value one seasonal cycle earlier. Falls back to {@link Naive} when the period is 1 or
 * the series is shorter than one cycle. Immutable and thread-safe.
 */
public final class SeasonalNaive implements Forecaster {
    /** @param nonNegative whether forecasts and bounds below 0 are raised to 0 */
    public record Options(boolean nonNegative) {
        /** Negative forecasts allowed. */
        public static Options defaults() {
            return new Options(false);
        }
    }

    private final Options options;

    private SeasonalNaive(Options options) {
        this.options = options;
    }

    /** The seasonal random walk with default options. */
    public static SeasonalNaive create() {
        return new SeasonalNaive(Options.defaults());
    }

    @Override
    public String name() {
        return "SeasonalNaive";
    }

    @Override
    public FittedModel fit(double[] series, int m) {
        Prepared p = Prepared.of(series);
        return Fallbacks.forIrregular(p).orElseGet(() -> {
            double[] y = p.values();
            if (m <= 1 || y.length < m) {
                return Fallbacks.naive(y, m <= 1 ? "no seasonal period" : "shorter than one seasonal cycle ("
                        + y.length + " < " + m + ")", options.nonNegative());
            }
            int n = y.length;
            double se = Naives.lagSe(y, m);
            return new SimpleModel("SeasonalNaive(m=" + m + ")", p.note(), h -> y[n - m + (h - 1) % m],
                    h -> se * Math.sqrt((h - 1) / m + 1), null, options.nonNegative()).withLagFit(y, m, series);
        });
    }
}

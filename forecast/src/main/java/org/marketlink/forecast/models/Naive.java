package org.marketlink.forecast.models;

import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.Prepared;
import org.marketlink.forecast.internal.Fallbacks;
import org.marketlink.forecast.internal.Naives;
import org.marketlink.forecast.internal.SimpleModel;

/**
 * The random walk: every step is the last value; intervals widen with √h from the spread of first differences.
 * Immutable and thread-safe.
 */
public final class Naive implements Forecaster {
    /** @param nonNegative whether forecasts and bounds below 0 are raised to 0 */
    public record Options(boolean nonNegative) {
        /** Negative forecasts allowed. */
        public static Options defaults() {
            return new Options(false);
        }
    }

    private final Options options;

    private Naive(Options options) {
        this.options = options;
    }

    /** The random walk with default options. */
    public static Naive create() {
        return new Naive(Options.defaults());
    }

    /** The random walk with {@code options}. */
    public static Naive create(Options options) {
        return new Naive(options);
    }

    @Override
    public String name() {
        return "Naive";
    }

    @Override
    public FittedModel fit(double[] series, int seasonalPeriod) {
        Prepared p = Prepared.of(series);
        return Fallbacks.forIrregular(p).orElseGet(() -> {
            double[] y = p.values();
            double last = y[y.length - 1];
            double se = Naives.randomWalkSe(y);
            return new SimpleModel("Naive", p.note(), h -> last, h -> se * Math.sqrt(h), null, options.nonNegative())
                    .withLagFit(y, 1, series);
        });
    }
}

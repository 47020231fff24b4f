package org.marketlink.forecast.models;

import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.Prepared;
import org.marketlink.forecast.internal.Fallbacks;
import org.marketlink.forecast.internal.Naives;
import org.marketlink.forecast.internal.SeasonalAdjustment;
import org.marketlink.forecast.internal.SimpleModel;

/**
 * Naive2 exactly as the M4 competition defines it: when the 90% autocorrelation test finds seasonality at the
 * seasonal lag, the series is divided by the indices of a classical multiplicative decomposition, forecast with
 * the random walk, and multiplied back. It is the yardstick of OWA. Immutable and thread-safe.
 */
public final class Naive2 implements Forecaster {
    /** @param nonNegative whether forecasts and bounds below 0 are raised to 0 */
    public record Options(boolean nonNegative) {
        /** Negative forecasts allowed. */
        public static Options defaults() {
            return new Options(false);
        }
    }

    private final Options options;

    private Naive2(Options options) {
        this.options = options;
    }

    /** Naive2 with default options. */
    public static Naive2 create() {
        return new Naive2(Options.defaults());
    }

    /** Naive2 with {@code options}. */
    public static Naive2 create(Options options) {
        return new Naive2(options);
    }

    @Override
    public String name() {
        return "Naive2";
    }

    @Override
    public FittedModel fit(double[] series, int m) {
        Prepared p = Prepared.of(series);
        return Fallbacks.forIrregular(p).orElseGet(() -> {
            SeasonalAdjustment adj = SeasonalAdjustment.of(p.values(), m);
            double[] y = adj.adjusted();
            double last = y[y.length - 1];
            double se = Naives.randomWalkSe(y);
            return new SimpleModel(adj.seasonal() ? "Naive2(seasonal, m=" + m + ")" : "Naive2", p.note(),
                    h -> last, h -> se * Math.sqrt(h), adj.seasonal() ? adj : null, options.nonNegative());
        });
    }
}

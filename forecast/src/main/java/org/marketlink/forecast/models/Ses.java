package org.marketlink.forecast.models;

import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.Prepared;
import org.marketlink.forecast.internal.Fallbacks;
import org.marketlink.forecast.internal.SeasonalAdjustment;
import org.marketlink.forecast.internal.SesFit;
import org.marketlink.forecast.internal.SimpleModel;

import java.util.Locale;

/**
 * Simple exponential smoothing, fitted by least squares of the one-step errors (alpha in [0.0001, 0.9999] and the
 * initial level), as R's {@code ses()}. With {@code seasonalAdjustment} (the default) it runs on the M4
 * seasonally adjusted series, as the M4 benchmark does. Intervals are those of ETS(A,N,N):
 * σ²(1 + α²(h−1)). Immutable and thread-safe.
 */
public final class Ses implements Forecaster {
    /**
     * How alpha and the initial level are found.
     * <ul>
     *   <li>{@code LIKE_R}: Nelder–Mead from R's starting point, reproducing R's {@code ses()} (and the M4
     *       benchmark figures) even where it stops in a local minimum;</li>
     *   <li>{@code GLOBAL}: the global least-squares optimum (exact initial level, searched alpha).</li>
     * </ul>
     */
    public enum Optimizer {
        /** As R's {@code forecast::ses}. */
        LIKE_R,
        /** The global least-squares optimum. */
        GLOBAL
    }

    /**
     * @param seasonalAdjustment whether to adjust seasonal series first (M4 style)
     * @param nonNegative        whether forecasts and bounds below 0 are raised to 0
     * @param optimizer          how the parameters are fitted
     */
    public record Options(boolean seasonalAdjustment, boolean nonNegative, Optimizer optimizer) {
        /** A {@code null} optimizer means {@link Optimizer#LIKE_R}. */
        public Options {
            optimizer = optimizer == null ? Optimizer.LIKE_R : optimizer;
        }

        /** Seasonal adjustment on, negative forecasts allowed, fitted as R fits it. */
        public static Options defaults() {
            return new Options(true, false, Optimizer.LIKE_R);
        }
    }

    private final Options options;

    private Ses(Options options) {
        this.options = options;
    }

    /** SES with default options. */
    public static Ses create() {
        return new Ses(Options.defaults());
    }

    /** SES with {@code options}. */
    public static Ses create(Options options) {
        return new Ses(options);
    }

    @Override
    public String name() {
        return "SES";
    }

    @Override
    public FittedModel fit(double[] series, int m) {
        Prepared p = Prepared.of(series);
        return Fallbacks.forIrregular(p).orElseGet(() -> {
            if (p.values().length < 3) {
                return Fallbacks.naive(p.values(), "too short for SES (" + p.values().length + " < 3 values)",
                        options.nonNegative());
            }
            SeasonalAdjustment adj = options.seasonalAdjustment() ? SeasonalAdjustment.of(p.values(), m)
                    : SeasonalAdjustment.of(p.values(), 1);
            SesFit fit = options.optimizer() == Optimizer.LIKE_R ? SesFit.fitLikeR(adj.adjusted())
                    : SesFit.fit(adj.adjusted());
            double level = fit.lastLevel();
            double sigma2 = fit.sigma2();
            double a = fit.alpha();
            String name = String.format(Locale.ROOT, "SES(alpha=%.4f%s)", a, adj.seasonal() ? ", seasonal m=" + m : "");
            return new SimpleModel(name, p.note(), h -> level, h -> Math.sqrt(sigma2 * (1 + a * a * (h - 1))),
                    adj.seasonal() ? adj : null, options.nonNegative());
        });
    }
}

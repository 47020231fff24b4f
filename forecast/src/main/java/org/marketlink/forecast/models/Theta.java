package org.marketlink.forecast.models;

import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.Prepared;
import org.marketlink.forecast.internal.Fallbacks;
import org.marketlink.forecast.internal.Regression;
import org.marketlink.forecast.internal.SeasonalAdjustment;
import org.marketlink.forecast.internal.SesFit;
import org.marketlink.forecast.internal.SimpleModel;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * The classic Theta method as the M4 benchmark code implements it: on the (M4) seasonally adjusted series, the
 * mean of the linear-trend line (theta = 0) and SES on the theta = 2 line (2y minus the trend), negative
 * forecasts clipped to 0, then reseasonalised. Intervals use the SES interval widths of the adjusted series
 * around the Theta forecast, as R's {@code thetaf} does. Immutable and thread-safe.
 */
public final class Theta implements Forecaster {
    /**
     * @param theta              the weight of the curvature line (2 in the classic method)
     * @param seasonalAdjustment whether to adjust seasonal series first (M4 style)
     * @param optimizer          how SES is fitted (see {@link Ses.Optimizer})
     */
    public record Options(double theta, boolean seasonalAdjustment, Ses.Optimizer optimizer) {
        /**
         * Checks theta (a finite number of at least 1, or NaN to optimise it); a {@code null} optimizer means {@link
         * Ses.Optimizer#LIKE_R}.
         */
        public Options {
            optimizer = optimizer == null ? Ses.Optimizer.LIKE_R : optimizer;
            if (!Double.isNaN(theta) && (!(theta >= 1) || !Double.isFinite(theta))) {
                throw new IllegalArgumentException("theta must be a finite number of at least 1 (or NaN to "
                        + "optimise it), was " + theta);
            }
        }

        /** The classic Theta method: theta 2, seasonal adjustment on, SES fitted as R fits it. */
        public static Options defaults() {
            return new Options(2, true, Ses.Optimizer.LIKE_R);
        }
    }

    private final Options options;

    private Theta(Options options) {
        this.options = options;
    }

    /** The classic Theta method with default options. */
    public static Theta create() {
        return new Theta(Options.defaults());
    }

    /** Theta with {@code options}. */
    public static Theta create(Options options) {
        return new Theta(options);
    }

    /**
     * The optimised Theta method: theta chosen in [1, 5] (steps of 0.25) to minimise the in-sample one-step
     * squared error of the combined forecast, after Fiorucci et al. (2016).
     */
    public static Theta optimized() {
        return new Theta(new Options(Double.NaN, true, Ses.Optimizer.LIKE_R));
    }

    @Override
    public String name() {
        return Double.isNaN(options.theta()) ? "OptimizedTheta" : "Theta";
    }

    private SesFit sesOnThetaLine(double[] y, double theta, double intercept, double slope) {
        double[] line = new double[y.length];
        for (int t = 1; t <= y.length; t++) {
            line[t - 1] = theta * y[t - 1] + (1 - theta) * (intercept + slope * t);
        }
        return options.optimizer() == Ses.Optimizer.LIKE_R ? SesFit.fitLikeR(line) : SesFit.fit(line);
    }

    /** The theta in [1, 5] whose combined one-step fitted values have the least squared error. */
    private double bestTheta(double[] y, double intercept, double slope) {
        double best = 2;
        double bestMse = Double.POSITIVE_INFINITY;
        for (double theta = 1; theta <= 5 + 1e-9; theta += 0.25) {
            double[] line = new double[y.length];
            for (int t = 1; t <= y.length; t++) {
                line[t - 1] = theta * y[t - 1] + (1 - theta) * (intercept + slope * t);
            }
            SesFit ses = options.optimizer() == Ses.Optimizer.LIKE_R ? SesFit.fitLikeR(line) : SesFit.fit(line);
            double[] fitted = ses.fitted(line);
            double w = 1 / theta;
            double mse = 0;
            for (int t = 1; t <= y.length; t++) {
                double f = (1 - w) * fitted[t - 1] + w * (intercept + slope * t);
                double e = y[t - 1] - f;
                mse += e * e;
            }
            if (mse < bestMse) {
                bestMse = mse;
                best = theta;
            }
        }
        return best;
    }

    @Override
    public FittedModel fit(double[] series, int m) {
        Prepared p = Prepared.of(series);
        return Fallbacks.forIrregular(p).orElseGet(() -> {
            if (p.values().length < 3) {
                return Fallbacks.naive(p.values(), "too short for Theta (" + p.values().length + " < 3 values)",
                        true);
            }
            SeasonalAdjustment adj = options.seasonalAdjustment() ? SeasonalAdjustment.of(p.values(), m)
                    : SeasonalAdjustment.of(p.values(), 1);
            double[] y = adj.adjusted();
            int n = y.length;
            // least-squares line on t = 1..n
            double[] line = Regression.line(y, n);
            double intercept = line[0];
            double slope = line[1];
            double theta = options.theta();
            if (Double.isNaN(theta)) {
                theta = bestTheta(y, intercept, slope);
            }
            SesFit ses = sesOnThetaLine(y, theta, intercept, slope);
            double sesLevel = ses.lastLevel();
            double w = 1 / theta;
            double chosenTheta = theta;
            // the interval widths need SES on the adjusted series itself: fitted only if intervals are asked for
            final double[] adjustedSeries = y;
            String name = String.format(Locale.ROOT, "Theta(theta=%s, alpha=%.4f%s)", chosenTheta, ses.alpha(),
                    adj.seasonal() ? ", seasonal m=" + m : "");
            Supplier<SesFit> widths = new Supplier<>() {
                private SesFit fit;

                @Override
                public synchronized SesFit get() {
                    if (fit == null) {
                        fit = options.optimizer() == Ses.Optimizer.LIKE_R ? SesFit.fitLikeR(adjustedSeries)
                                : SesFit.fit(adjustedSeries);
                    }
                    return fit;
                }
            };
            return new SimpleModel(name, p.note(),
                    h -> Math.max(0, (1 - w) * sesLevel + w * (intercept + slope * (n + h))),
                    h -> {
                        SesFit f = widths.get();
                        return Math.sqrt(f.sigma2() * (1 + f.alpha() * f.alpha() * (h - 1)));
                    }, adj.seasonal() ? adj : null, true);
        });
    }
}

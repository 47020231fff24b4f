package org.marketlink.forecast.models;

import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.Prepared;
import org.marketlink.forecast.internal.DemandHistory;
import org.marketlink.forecast.internal.DemandMixture;
import org.marketlink.forecast.internal.Fallbacks;
import org.marketlink.forecast.internal.SimpleModel;

import java.util.Locale;
import java.util.Optional;

/**
 * Intermittent-demand methods for series with many zero periods: Croston (smoothed demand size over smoothed
 * interval between demands, as R's {@code croston()}), SBA (Croston with the Syntetos–Boylan bias correction
 * 1 − α/2) and TSB (smoothed demand size times smoothed probability of demand, updated every period, so a product
 * that stops selling fades out). Forecasts are flat and never negative. Intervals ({@link IntervalMethod}) are
 * either normal on the one-step errors with bounds floored at 0, or the quantiles of each period's demand as the
 * method models it: no demand with probability 1 − p, else a size drawn from the series' own demand sizes.
 * Immutable and thread-safe.
 */
public final class Croston implements Forecaster {
    /** The variant. */
    public enum Variant {
        /** Croston's method. */
        CROSTON,
        /** Croston with the Syntetos–Boylan bias correction. */
        SBA,
        /** Teunter–Syntetos–Babai: demand size times probability of demand. */
        TSB
    }

    /** How prediction intervals are made. */
    public enum IntervalMethod {
        /** Normal on the one-step errors, bounds floored at 0 (R's {@code croston()} has none; this was the first). */
        NORMAL,
        /**
         * The quantiles of one period's demand: 0 with probability 1 − p and otherwise one of the series' observed
         * demand sizes, each equally likely, where p is the method's demand probability (TSB's smoothed probability;
         * one over the smoothed interval for Croston and SBA). This is what bootstrapping demand sizes and
         * occurrences gives in the limit of infinitely many paths, computed exactly. Bounds are demand values a
         * period can have (0 or an observed size), so the lower bound is 0 until demand is likelier than not.
         */
        EMPIRICAL
    }

    /**
     * @param variant     which method
     * @param alpha       smoothing of demand sizes (and intervals), in (0, 1]
     * @param alphaProbability smoothing of the demand probability (TSB only), in (0, 1]
     * @param intervals   how intervals are made
     */
    public record Options(Variant variant, double alpha, double alphaProbability, IntervalMethod intervals) {
        /** Checks the variant, the interval method and that both smoothing parameters are in (0, 1]. */
        public Options {
            if (variant == null || intervals == null) {
                throw new IllegalArgumentException("variant and intervals must not be null");
            }
            if (!(alpha > 0 && alpha <= 1) || !(alphaProbability > 0 && alphaProbability <= 1)) {
                throw new IllegalArgumentException("alpha and alphaProbability must be in (0, 1], were " + alpha
                        + " and " + alphaProbability);
            }
        }

        /** Normal intervals, as before the interval method could be chosen. */
        public Options(Variant variant, double alpha, double alphaProbability) {
            this(variant, alpha, alphaProbability, IntervalMethod.NORMAL);
        }

        /** These options with intervals made by {@code method}. */
        public Options withIntervals(IntervalMethod method) {
            return new Options(variant, alpha, alphaProbability, method);
        }
    }

    private final Options options;

    private Croston(Options options) {
        this.options = options;
    }

    /** Croston with alpha 0.1, R's default. */
    public static Croston create() {
        return new Croston(new Options(Variant.CROSTON, 0.1, 0.1));
    }

    /** SBA with alpha 0.1. */
    public static Croston sba() {
        return new Croston(new Options(Variant.SBA, 0.1, 0.1));
    }

    /** TSB with both smoothing parameters 0.1. */
    public static Croston tsb() {
        return new Croston(new Options(Variant.TSB, 0.1, 0.1));
    }

    /** The variant and smoothing that {@code options} give. */
    public static Croston create(Options options) {
        return new Croston(options);
    }

    @Override
    public String name() {
        return options.variant().name().charAt(0) + options.variant().name().substring(1).toLowerCase(Locale.ROOT);
    }

    @Override
    public FittedModel fit(double[] series, int seasonalPeriod) {
        Prepared p = Prepared.of(series);
        Optional<FittedModel> simple = Fallbacks.forIrregular(p);
        if (simple.isPresent()) {
            return simple.get();
        }
        DemandHistory history = DemandHistory.of(p);
        double[] y = history.values();
        Optional<String> note = history.note();
        int demands = history.demands();
        if (demands == 0) {
            return SimpleModel.constant(0, name(), "no demand in the series");
        }
        double a = options.alpha();
        double[] fitted = new double[y.length];
        double level;
        if (options.variant() == Variant.TSB) {
            double size = -1;
            double prob = demands / (double) y.length;
            for (int t = 0; t < y.length; t++) {
                fitted[t] = size < 0 ? Double.NaN : size * prob;
                if (y[t] > 0) {
                    size = size < 0 ? y[t] : size + a * (y[t] - size);
                    prob += options.alphaProbability() * (1 - prob);
                } else {
                    prob += options.alphaProbability() * (0 - prob);
                }
            }
            level = Math.max(0, size) * prob;
        } else {
            double size = -1;
            double interval = -1;
            int sinceLast = 0;
            for (int t = 0; t < y.length; t++) {
                sinceLast++;
                fitted[t] = size < 0 ? Double.NaN : size / interval;
                if (y[t] > 0) {
                    if (size < 0) {
                        size = y[t];
                        interval = sinceLast;
                    } else {
                        size += a * (y[t] - size);
                        interval += a * (sinceLast - interval);
                    }
                    sinceLast = 0;
                }
            }
            level = size / interval;
            if (options.variant() == Variant.SBA) {
                level *= 1 - a / 2;
            }
        }
        String label = String.format(Locale.ROOT, "%s(alpha=%s)", name(), a);
        if (options.intervals() == IntervalMethod.EMPIRICAL) {
            double probability = options.variant() == Variant.TSB ? tsbProbability(y) : demandProbability(y);
            return new DemandMixture(label, note, level, probability, DemandMixture.sizes(y));
        }
        double sse = 0;
        int n = 0;
        for (int t = 0; t < y.length; t++) {
            if (!Double.isNaN(fitted[t])) {
                double e = y[t] - fitted[t];
                sse += e * e;
                n++;
            }
        }
        double se = n > 1 ? Math.sqrt(sse / (n - 1)) : 0;
        double point = level;
        return new SimpleModel(label, note, h -> point, h -> se * Math.sqrt(1 + (h - 1) * a * a), null, true);
    }

    /** One over the smoothed interval between demands, as Croston's recursion ends; at most 1. */
    private double demandProbability(double[] y) {
        double interval = -1;
        int sinceLast = 0;
        for (double v : y) {
            sinceLast++;
            if (v > 0) {
                interval = interval < 0 ? sinceLast : interval + options.alpha() * (sinceLast - interval);
                sinceLast = 0;
            }
        }
        return Math.min(1, 1 / interval);
    }

    /** TSB's smoothed probability of demand at the end of the series. */
    private double tsbProbability(double[] y) {
        int demands = 0;
        for (double v : y) {
            demands += v > 0 ? 1 : 0;
        }
        double prob = demands / (double) y.length;
        for (double v : y) {
            prob += options.alphaProbability() * ((v > 0 ? 1 : 0) - prob);
        }
        return prob;
    }
}

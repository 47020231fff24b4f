package org.marketlink.forecast.models;

import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.Interval;
import org.marketlink.forecast.Intervals;
import org.marketlink.forecast.ModelSummary;
import org.marketlink.forecast.Prepared;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Any forecaster on the Box-Cox scale, as R's {@code lambda} and {@code biasadj} arguments: the series is transformed
 * by {@code w = (y^λ - 1) / λ} ({@code log y} at {@code λ = 0}), the inner method is fitted to {@code w}, and its
 * forecasts and bounds are transformed back. Back-transformed bounds keep their coverage (the transform is monotone);
 * the back-transformed point forecast is the median, so with bias adjustment (the default) it is raised to the mean,
 * {@code ŷ·(1 + σ²(1 - λ) / (2 ŷ^(2λ)))}, with {@code σ²} the inner model's forecast variance read from its 95%
 * interval — what R's {@code InvBoxCox(biasadj = TRUE)} does. A log or a root tames a series whose swings grow with its
 * level; the bias adjustment matters wherever forecasts are added up (a category, a stock plan).
 *
 * <p>{@code λ} is fixed or chosen per series by Guerrero's method, as R's {@code BoxCox.lambda(method = "guerrero")}:
 * the {@code λ} in {@code [lower, upper]} that makes the coefficient of variation of {@code sd / mean^(1 - λ)} over
 * consecutive seasons (or pairs of observations) smallest, found by Brent's method with R's tolerance. As in R, a series
 * with a value ≤ 0 keeps {@code λ ≥ 0}, and one of two seasons or less gets {@code λ = 1}.
 *
 * <p>A series the transform is not defined for (a value ≤ 0 with a fixed {@code λ ≤ 0}) is fitted untransformed, and the
 * forecast's fallback says so. Immutable and thread-safe when the inner forecaster is.
 */
public final class BoxCox implements Forecaster {
    /** R's {@code optimize} tolerance, {@code .Machine$double.eps^0.25}. */
    private static final double TOLERANCE = Math.pow(Math.ulp(1.0), 0.25);
    private static final double GOLDEN = (3 - Math.sqrt(5)) / 2;
    /** The interval the bias adjustment reads the forecast variance from. */
    private static final double VARIANCE_LEVEL = 95;

    /**
     * @param lambda       the transform's parameter, or NaN to choose it per series by Guerrero's method
     * @param lower        the smallest λ Guerrero's method may choose
     * @param upper        the largest λ Guerrero's method may choose
     * @param biasAdjusted whether the point forecast is the back-transformed mean (true) or median (false)
     */
    public record Options(double lambda, double lower, double upper, boolean biasAdjusted) {
        /** Checks the bounds and a fixed λ are finite and in order. */
        public Options {
            if (!Double.isFinite(lower) || !Double.isFinite(upper) || lower >= upper) {
                throw new IllegalArgumentException("need finite lower < upper, were " + lower + ", " + upper);
            }
            if (Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("lambda must be finite (or NaN to choose it), was " + lambda);
            }
        }

        /** Guerrero's λ in {@code [-1, 2]}, bias-adjusted: R's defaults with {@code biasadj = TRUE}. */
        public static Options defaults() {
            return new Options(Double.NaN, -1, 2, true);
        }

        /** The same with a fixed λ. */
        public Options withLambda(double l) {
            return new Options(l, lower, upper, biasAdjusted);
        }

        /** The same with or without bias adjustment. */
        public Options withBiasAdjustment(boolean adjusted) {
            return new Options(lambda, lower, upper, adjusted);
        }
    }

    private final Forecaster inner;
    private final Options options;

    private BoxCox(Forecaster inner, Options options) {
        if (inner == null || options == null) {
            throw new IllegalArgumentException("inner and options must not be null");
        }
        this.inner = inner;
        this.options = options;
    }

    /** {@code inner} on the Box-Cox scale of a λ chosen per series by Guerrero's method, bias-adjusted. */
    public static BoxCox guerrero(Forecaster inner) {
        return new BoxCox(inner, Options.defaults());
    }

    /** {@code inner} on the Box-Cox scale of a fixed {@code lambda} (0 for the log), bias-adjusted. */
    public static BoxCox of(Forecaster inner, double lambda) {
        if (Double.isNaN(lambda)) {
            throw new IllegalArgumentException("lambda must be a number; use guerrero() to choose it per series");
        }
        return new BoxCox(inner, Options.defaults().withLambda(lambda));
    }

    /** {@code inner} on the Box-Cox scale with {@code options}. */
    public static BoxCox create(Forecaster inner, Options options) {
        return new BoxCox(inner, options);
    }

    @Override
    public String name() {
        return "BoxCox(" + inner.name() + ")";
    }

    @Override
    public FittedModel fit(double[] series, int seasonalPeriod) {
        Prepared p = Prepared.of(series);
        if (p.kind() != Prepared.Kind.REGULAR) {
            return inner.fit(series, seasonalPeriod); // the inner method's own fallback for empty or constant series
        }
        double[] y = p.values();
        boolean positive = Arrays.stream(y).allMatch(v -> v > 0);
        double lambda = Double.isNaN(options.lambda()) ? lambda(y, seasonalPeriod, options.lower(), options.upper())
                : options.lambda();
        if (lambda <= 0 && !positive) {
            FittedModel plain = inner.fit(series, seasonalPeriod);
            String why = String.format(Locale.ROOT, "Box-Cox lambda %.4f needs positive values; fitted untransformed",
                    lambda);
            return new FittedModel() {
                @Override
                public Forecast forecast(int horizon, double... levels) {
                    Forecast f = plain.forecast(horizon, levels);
                    return new Forecast(f.model(), f.mean(), f.intervals(), Optional.of(
                            f.fallback().map(r -> why + "; " + r).orElse(why)));
                }

                @Override
                public Optional<ModelSummary> summary() {
                    return plain.summary();
                }
            };
        }
        double[] w = new double[series.length];
        for (int t = 0; t < series.length; t++) {
            w[t] = Double.isNaN(series[t]) ? Double.NaN : transform(series[t], lambda);
        }
        return new Fitted(inner.fit(w, seasonalPeriod), lambda, options.biasAdjusted(), series.clone());
    }

    /**
     * Guerrero's λ for {@code y} at {@code seasonalPeriod}, in {@code [lower, upper]} (R's
     * {@code BoxCox.lambda(method = "guerrero")}).
     */
    public static double lambda(double[] y, int seasonalPeriod, double lower, double upper) {
        if (Arrays.stream(y).anyMatch(v -> v <= 0)) {
            lower = Math.max(lower, 0);
        }
        if (y.length <= 2 * Math.max(1, seasonalPeriod)) {
            return 1;
        }
        int period = Math.max(2, seasonalPeriod);
        int seasons = y.length / period;
        int from = y.length - seasons * period;
        double[] mean = new double[seasons];
        double[] sd = new double[seasons];
        for (int s = 0; s < seasons; s++) {
            double sum = 0;
            int n = 0;
            for (int i = 0; i < period; i++) {
                double v = y[from + s * period + i];
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
            mean[s] = sum / n;
            double ss = 0;
            for (int i = 0; i < period; i++) {
                double v = y[from + s * period + i];
                if (!Double.isNaN(v)) {
                    ss += (v - mean[s]) * (v - mean[s]);
                }
            }
            sd[s] = Math.sqrt(ss / (n - 1));
        }
        double[] ratio = new double[seasons];
        UnivariateObjectiveFunction cv = new UnivariateObjectiveFunction(l -> {
            for (int s = 0; s < seasons; s++) {
                ratio[s] = sd[s] / Math.pow(mean[s], 1 - l);
            }
            return coefficientOfVariation(ratio);
        });
        // R's Brent_fmin: a relative tolerance of √ε, an absolute one of tol / 3, and the first point at the golden
        // section of the interval
        BrentOptimizer brent = new BrentOptimizer(Math.sqrt(Math.ulp(1.0)), TOLERANCE / 3);
        return brent.optimize(new MaxEval(1000), GoalType.MINIMIZE, cv,
                new SearchInterval(lower, upper, lower + GOLDEN * (upper - lower))).getPoint();
    }

    /** R's {@code sd(x, na.rm = TRUE) / mean(x, na.rm = TRUE)}. */
    private static double coefficientOfVariation(double[] x) {
        double sum = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        return Math.sqrt(ss / (n - 1)) / mean;
    }

    /** R's {@code BoxCox}: {@code (sign(y)|y|^λ - 1) / λ}, {@code log y} at 0; NaN for a negative y when λ < 0. */
    static double transform(double y, double lambda) {
        if (lambda < 0 && y < 0) {
            return Double.NaN;
        }
        return lambda == 0 ? Math.log(y) : (Math.signum(y) * Math.pow(Math.abs(y), lambda) - 1) / lambda;
    }

    /**
     * R's {@code InvBoxCox}; for λ < 0, a value at or beyond {@code -1/λ} (the transform's supremum) is
     * {@code +∞}, where R gives NA.
     */
    static double inverse(double w, double lambda) {
        if (lambda == 0) {
            return Math.exp(w);
        }
        if (lambda < 0 && w >= -1 / lambda) {
            return Double.POSITIVE_INFINITY;
        }
        double x = w * lambda + 1;
        return Math.signum(x) * Math.pow(Math.abs(x), 1 / lambda);
    }

    /** A model fitted on the transformed scale, forecasting on the series' own. */
    private static final class Fitted implements FittedModel {
        private final FittedModel inner;
        private final double lambda;
        private final boolean biasAdjusted;
        private final double[] series;

        Fitted(FittedModel inner, double lambda, boolean biasAdjusted, double[] series) {
            this.inner = inner;
            this.lambda = lambda;
            this.biasAdjusted = biasAdjusted;
            this.series = series;
        }

        @Override
        public Forecast forecast(int horizon, double... levels) {
            for (double level : levels) {
                Intervals.z(level);
            }
            boolean asked = Arrays.stream(levels).anyMatch(l -> l == VARIANCE_LEVEL);
            double[] all = asked || !biasAdjusted ? levels : append(levels, VARIANCE_LEVEL);
            Forecast f = inner.forecast(horizon, all);
            double[] mean = f.mean();
            double[] point = new double[horizon];
            for (int h = 0; h < horizon; h++) {
                point[h] = inverse(mean[h], lambda);
            }
            if (biasAdjusted) {
                Interval i = f.interval(VARIANCE_LEVEL).orElseThrow();
                double z = Intervals.z(VARIANCE_LEVEL);
                for (int h = 0; h < horizon; h++) {
                    double sd = (i.upper()[h] - i.lower()[h]) / (2 * z);
                    point[h] *= 1 + 0.5 * sd * sd * (1 - lambda) / Math.pow(point[h], 2 * lambda);
                }
            }
            List<Interval> intervals = new ArrayList<>();
            for (double level : levels) {
                Interval i = f.interval(level).orElseThrow();
                double[] lo = new double[horizon];
                double[] hi = new double[horizon];
                for (int h = 0; h < horizon; h++) {
                    lo[h] = inverse(i.lower()[h], lambda);
                    hi[h] = inverse(i.upper()[h], lambda);
                }
                intervals.add(new Interval(level, lo, hi));
            }
            String model = String.format(Locale.ROOT, "BoxCox(lambda=%.4f, %s)", lambda, f.model());
            return new Forecast(model, point, intervals, f.fallback());
        }

        /**
         * The inner model's summary with its fitted values back-transformed (medians: no bias adjustment, as R's
         * {@code fitted()}), residuals on the series' scale, and innovations and criteria on the transformed scale.
         */
        @Override
        public Optional<ModelSummary> summary() {
            return inner.summary().map(s -> {
                double[] fitted = s.fitted();
                double[] residuals = new double[fitted.length];
                for (int t = 0; t < fitted.length; t++) {
                    fitted[t] = Double.isNaN(fitted[t]) ? Double.NaN : inverse(fitted[t], lambda);
                    residuals[t] = series[t] - fitted[t];
                }
                return new ModelSummary(String.format(Locale.ROOT, "BoxCox(lambda=%.4f, %s)", lambda, s.model()),
                        fitted, residuals, s.innovations(), s.fitDf(), s.sigma2(), s.logLikelihood(), s.aic(),
                        s.aicc(), s.bic());
            });
        }

        private static double[] append(double[] levels, double level) {
            double[] out = Arrays.copyOf(levels, levels.length + 1);
            out[levels.length] = level;
            return out;
        }
    }
}

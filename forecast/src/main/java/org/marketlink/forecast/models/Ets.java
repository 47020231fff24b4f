package org.marketlink.forecast.models;

import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.Interval;
import org.marketlink.forecast.Intervals;
import org.marketlink.forecast.ModelSummary;
import org.marketlink.forecast.Prepared;
import org.marketlink.forecast.internal.EtsFit;
import org.marketlink.forecast.internal.EtsSpec;
import org.marketlink.forecast.internal.Fallbacks;
import org.marketlink.forecast.internal.Summaries;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Exponential smoothing state-space models (ETS), fitted by maximum likelihood as R's {@code ets()} fits them,
 * either one given model or the best of the family by AICc ({@link #auto()}).
 *
 * <p>The family: additive or multiplicative error; no, additive or damped trend (and, when asked for, multiplicative
 * or damped multiplicative trend: growth by a rate, as R's {@code allow.multiplicative.trend}); no, additive or
 * multiplicative season. Multiplicative components need strictly positive data; additive error with a multiplicative
 * season or trend, and a multiplicative trend with an additive season, are left out, as in R (their forecast variance
 * is infinite or their forecasts unstable). Seasonal periods above 24 are allowed: their initial
 * seasonal states come from a classical decomposition instead of being optimised.
 *
 * <p>Prediction intervals are analytic for the all-additive models and simulated (seeded, so repeatable) for the
 * others. Immutable and thread-safe.
 */
public final class Ets implements Forecaster {
    /**
     * @param model          an ETS code such as {@code "MAdN"}, or {@code "ZZZ"} to select by AICc
     * @param simulatedPaths sample paths for simulated intervals
     * @param nonNegative    whether forecasts and bounds below 0 are raised to 0
     * @param multiplicativeTrend whether automatic selection also tries multiplicative trends (R's
     *                       {@code allow.multiplicative.trend}; off by default, as in R: their long-range forecasts
     *                       grow exponentially, and they rarely win on AICc)
     * @param bootstrap      whether intervals come from paths simulated with the model's own centred innovations
     *                       drawn with replacement (R's {@code bootstrap = TRUE}) instead of normal errors: for
     *                       skewed or heavy-tailed errors; every model's intervals are then simulated
     */
    public record Options(String model, int simulatedPaths, boolean nonNegative, boolean multiplicativeTrend,
                          boolean bootstrap) {
        /**
         * Normalises the model code ({@code null} is {@code ZZZ}, automatic) and checks it and the number of paths (at
         * least 100).
         */
        public Options {
            model = model == null ? "ZZZ" : model.strip().toUpperCase(Locale.ROOT);
            if (!model.equals("ZZZ")) {
                EtsSpec.parse(model);
            }
            if (simulatedPaths < 100) {
                throw new IllegalArgumentException("simulatedPaths must be at least 100, was " + simulatedPaths);
            }
        }

        /** Options without multiplicative trends in automatic selection, with normal errors. */
        public Options(String model, int simulatedPaths, boolean nonNegative) {
            this(model, simulatedPaths, nonNegative, false, false);
        }

        /**
         * Automatic selection without multiplicative trends, 5,000 simulated paths for multiplicative intervals,
         * negative forecasts allowed.
         */
        public static Options defaults() {
            return new Options("ZZZ", 5000, false);
        }

        /** The same with multiplicative trends tried (or not) by automatic selection. */
        public Options withMultiplicativeTrend(boolean allowed) {
            return new Options(model, simulatedPaths, nonNegative, allowed, bootstrap);
        }

        /** The same with intervals from bootstrapped innovations (or normal ones). */
        public Options withBootstrap(boolean resampled) {
            return new Options(model, simulatedPaths, nonNegative, multiplicativeTrend, resampled);
        }

        /** The same for one model code, or {@code "ZZZ"} for automatic selection. */
        public Options withModel(String code) {
            return new Options(code, simulatedPaths, nonNegative, multiplicativeTrend, bootstrap);
        }
    }

    private final Options options;

    private Ets(Options options) {
        this.options = options;
    }

    /** Automatic selection by AICc over the whole family. */
    public static Ets auto() {
        return new Ets(Options.defaults());
    }

    /** One model, for example {@code Ets.of("AAN")}. */
    public static Ets of(String model) {
        return new Ets(new Options(model, 5000, false));
    }

    /** The ETS model or selection that {@code options} give. */
    public static Ets create(Options options) {
        return new Ets(options);
    }

    @Override
    public String name() {
        return options.model().equals("ZZZ") ? "AutoETS" : "ETS(" + options.model() + ")";
    }

    @Override
    public FittedModel fit(double[] series, int m) {
        Prepared p = Prepared.of(series);
        return Fallbacks.forIrregular(p).orElseGet(() -> fitRegular(p, m, series));
    }

    private FittedModel fitRegular(Prepared p, int m, double[] series) {
        double[] y = p.values();
        EtsFit best = null;
        for (EtsSpec spec : candidates(y, m)) {
            EtsFit fit = fitIfEnoughData(spec, y, m);
            if (fit != null && (best == null || fit.aicc() < best.aicc())) {
                best = fit;
            }
        }
        if (best == null) {
            return Fallbacks.noModel("ETS", y, options.nonNegative());
        }
        return new EtsFitted(best, p.note(), options, y, series);
    }

    /** R skips a model whose parameters and initial states are almost as many as the observations. */
    private static EtsFit fitIfEnoughData(EtsSpec spec, double[] y, int m) {
        int period = spec.seasonal() ? m : 1;
        int params = 1 + (spec.trend() ? 2 : 0) + (spec.damped() ? 1 : 0) + 1
                + (spec.seasonal() ? 1 + (period <= 24 ? period - 1 : 0) : 0);
        if (params >= y.length - 1) {
            return null;
        }
        return EtsFit.fit(spec, y, m);
    }

    private List<EtsSpec> candidates(double[] y, int m) {
        if (!options.model().equals("ZZZ")) {
            return List.of(EtsSpec.parse(options.model()));
        }
        boolean positive = Arrays.stream(y).allMatch(v -> v > 0);
        boolean seasonal = m > 1 && y.length > m;
        List<EtsSpec> out = new ArrayList<>();
        for (boolean mult : new boolean[] {false, true}) {
            if (mult && !positive) {
                continue;
            }
            // trend: 0 none, 1 additive, 2 damped additive, 3 multiplicative, 4 damped multiplicative
            for (int trend = 0; trend < (options.multiplicativeTrend() ? 5 : 3); trend++) {
                for (char season : seasonal ? new char[] {'N', 'A', 'M'} : new char[] {'N'}) {
                    if (season == 'M' && (!positive || !mult)) {
                        continue;
                    }
                    if (trend >= 3 && (!mult || season == 'A')) {
                        continue;
                    }
                    out.add(new EtsSpec(mult, trend > 0, trend == 2 || trend == 4, season, trend >= 3));
                }
            }
        }
        return out;
    }

    /** A fitted ETS model. */
    private static final class EtsFitted implements FittedModel {
        private final EtsFit fit;
        private final Optional<String> note;
        private final Options options;
        private final double[] y;
        private final double[] series;

        EtsFitted(EtsFit fit, Optional<String> note, Options options, double[] y, double[] series) {
            this.fit = fit;
            this.note = note;
            this.options = options;
            this.y = y;
            this.series = series.clone();
        }

        @Override
        public Optional<ModelSummary> summary() {
            return Optional.of(Summaries.masked(fit.summary(y), series));
        }

        @Override
        public Forecast forecast(int horizon, double... levels) {
            if (horizon < 1) {
                throw new IllegalArgumentException("horizon must be at least 1, was " + horizon);
            }
            double[] mean = fit.forecast(horizon);
            List<Interval> intervals;
            if (levels.length == 0) {
                intervals = List.of();
            } else if (fit.spec().analyticIntervals() && !options.bootstrap()) {
                double[] var = fit.analyticVariance(horizon);
                intervals = Intervals.normal(mean, h -> Math.sqrt(var[h - 1]), levels, false);
            } else {
                intervals = simulated(mean, horizon, levels);
            }
            if (options.nonNegative()) {
                clip(mean);
                List<Interval> clipped = new ArrayList<>();
                for (Interval i : intervals) {
                    double[] lo = i.lower();
                    double[] hi = i.upper();
                    clip(lo);
                    clip(hi);
                    clipped.add(new Interval(i.level(), lo, hi));
                }
                intervals = clipped;
            }
            return new Forecast(fit.toString(), mean, intervals, note);
        }

        private List<Interval> simulated(double[] mean, int horizon, double[] levels) {
            long seed = Double.doubleToLongBits(fit.sigma2()) ^ Double.doubleToLongBits(mean[0]) ^ horizon;
            double[][] paths = fit.simulate(horizon, options.simulatedPaths(), seed,
                    options.bootstrap() ? centredInnovations() : null);
            List<Interval> out = new ArrayList<>();
            double[] column = new double[paths.length];
            for (double level : levels) {
                Intervals.z(level);
                double[] lo = new double[horizon];
                double[] hi = new double[horizon];
                for (int h = 0; h < horizon; h++) {
                    for (int p = 0; p < paths.length; p++) {
                        column[p] = paths[p][h];
                    }
                    Arrays.sort(column);
                    // a simulated interval is skewed: far ahead, a multiplicative model's paths compound towards
                    // their median, below the point forecast, and the upper quantile can fall under it; an interval
                    // that excludes its own forecast reads as an error, so it is widened to hold it. The models
                    // simulated here are fitted to positive series only, so no bound goes below 0 (an innovation
                    // under -1 would otherwise flip a path's sign)
                    lo[h] = Math.max(0, Math.min(mean[h], quantile(column, 0.5 - level / 200)));
                    hi[h] = Math.max(mean[h], quantile(column, 0.5 + level / 200));
                }
                out.add(new Interval(level, lo, hi));
            }
            return out;
        }

        /** The in-sample innovations less their mean, without missing ones: the bootstrap's pool. */
        private double[] centredInnovations() {
            double[] e = Arrays.stream(fit.summary(y).innovations()).filter(Double::isFinite).toArray();
            double mean = Arrays.stream(e).average().orElse(0);
            for (int i = 0; i < e.length; i++) {
                e[i] -= mean;
            }
            return e;
        }

        private static double quantile(double[] sorted, double q) {
            double pos = q * (sorted.length - 1);
            int i = (int) Math.floor(pos);
            int j = Math.min(sorted.length - 1, i + 1);
            return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
        }

        private static void clip(double[] v) {
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.max(0, v[i]);
            }
        }
    }
}

package org.marketlink.ml.forecast;

import org.marketlink.core.Checks;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Intervals;
import org.marketlink.forecast.Prepared;
import smile.base.cart.Loss;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.regression.GradientTreeBoost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One gradient-boosted regression tree model (Smile 2.6.0) trained across many related series at once, on lag and
 * calendar features, for hosts with many products whose demand shares patterns. Each series is scaled by the mean
 * absolute value of its training data, so series of different sizes share one model; forecasts are made step by
 * step, each prediction feeding the next step's lags. Intervals are normal on the model's in-sample errors for that
 * series, widening with √h.
 *
 * <p>Unlike the per-series {@link org.marketlink.forecast.Forecaster}s, this is fitted on a whole collection.
 * Immutable once fitted and thread-safe.
 */
public final class GlobalGbm {
    /**
     * @param lags          lagged values used as features (0 picks 2m, at most 48, or 8 without a season)
     * @param trees         boosting rounds
     * @param maxDepth      depth of each tree
     * @param maxNodes      leaves of each tree
     * @param nodeSize      smallest leaf
     * @param shrinkage     learning rate
     * @param rowsPerSeries most recent training rows taken from each series (bounds memory and time)
     */
    public record Options(int lags, int trees, int maxDepth, int maxNodes, int nodeSize, double shrinkage,
                          int rowsPerSeries) {
        /** Checks each component against its smallest sensible value. */
        public Options {
            Checks.atLeast("lags", lags, 0);
            Checks.atLeast("trees", trees, 1);
            Checks.atLeast("maxDepth", maxDepth, 2);
            Checks.atLeast("maxNodes", maxNodes, 2);
            Checks.atLeast("nodeSize", nodeSize, 1);
            if (!(shrinkage > 0 && shrinkage <= 1)) {
                throw new IllegalArgumentException("shrinkage must be in (0, 1], was " + shrinkage);
            }
            Checks.atLeast("rowsPerSeries", rowsPerSeries, 1);
        }

        /**
         * Lags picked from the season, 200 trees of depth 6 with at most 32 leaves of at least 5 rows, learning rate
         * 0.05, the last 300 rows of each series.
         */
        public static Options defaults() {
            return new Options(0, 200, 6, 32, 5, 0.05, 300);
        }
    }

    private final Options options;

    private GlobalGbm(Options options) {
        this.options = options;
    }

    /** A forecaster with {@link Options#defaults()}. */
    public static GlobalGbm create() {
        return new GlobalGbm(Options.defaults());
    }

    /** A forecaster with {@code options}. */
    public static GlobalGbm create(Options options) {
        return new GlobalGbm(Checks.notNull("options", options));
    }

    /** A model trained on all {@code series} (missing values interpolated) at seasonal period {@code m}. */
    public Fitted fit(List<double[]> series, int m) {
        Checks.notNull("series", series);
        int lags = options.lags() > 0 ? options.lags() : m > 1 ? Math.min(2 * m, 48) : 8;
        int features = lags + (m > 1 ? 1 : 0);
        List<double[]> prepared = new ArrayList<>();
        double[] scales = new double[series.size()];
        List<double[]> rows = new ArrayList<>();
        for (int s = 0; s < series.size(); s++) {
            Prepared p = Prepared.of(series.get(s));
            double[] y = p.values();
            prepared.add(y);
            double scale = 0;
            for (double v : y) {
                scale += Math.abs(v);
            }
            scale = y.length == 0 || scale == 0 ? 1 : scale / y.length;
            scales[s] = scale;
            int first = Math.max(lags, y.length - options.rowsPerSeries());
            for (int t = first; t < y.length; t++) {
                double[] row = new double[features + 1];
                fill(row, y, t, lags, m, scale);
                row[features] = y[t] / scale;
                rows.add(row);
            }
        }
        if (rows.size() < 20) {
            throw new IllegalArgumentException("too little data for a global model: " + rows.size()
                    + " training rows from " + series.size() + " series (each needs more than " + lags + " values)");
        }
        String[] names = new String[features + 1];
        for (int i = 0; i < features; i++) {
            names[i] = "x" + i;
        }
        names[features] = "y";
        DataFrame data = DataFrame.of(rows.toArray(new double[0][]), names);
        GradientTreeBoost model = GradientTreeBoost.fit(Formula.lhs("y"), data, Loss.ls(), options.trees(),
                options.maxDepth(), options.maxNodes(), options.nodeSize(), options.shrinkage(), 1.0);
        // in-sample one-step errors per series, on the scaled values
        double[] se = new double[series.size()];
        for (int s = 0; s < series.size(); s++) {
            double[] y = prepared.get(s);
            double sse = 0;
            int n = 0;
            int first = Math.max(lags, y.length - options.rowsPerSeries());
            for (int t = first; t < y.length; t++) {
                double[] row = new double[features];
                fill(row, y, t, lags, m, scales[s]);
                double e = y[t] / scales[s] - predict(model, row, names);
                sse += e * e;
                n++;
            }
            se[s] = n > 1 ? Math.sqrt(sse / (n - 1)) : 0;
        }
        return new Fitted(model, names, prepared, scales, se, lags, m);
    }

    private static void fill(double[] row, double[] y, int t, int lags, int m, double scale) {
        for (int k = 1; k <= lags; k++) {
            row[k - 1] = t - k >= 0 ? y[t - k] / scale : y[0] / scale;
        }
        if (m > 1) {
            row[lags] = (t % m) / (double) m;
        }
    }

    private static double predict(GradientTreeBoost model, double[] features, String[] names) {
        double[] withTarget = Arrays.copyOf(features, features.length + 1);
        Tuple tuple = DataFrame.of(new double[][] {withTarget}, names).get(0);
        return model.predict(tuple);
    }

    /** A global model fitted to a collection of series. */
    public static final class Fitted {
        private final GradientTreeBoost model;
        private final String[] names;
        private final List<double[]> series;
        private final double[] scales;
        private final double[] se;
        private final int lags;
        private final int m;

        private Fitted(GradientTreeBoost model, String[] names, List<double[]> series, double[] scales, double[] se,
                       int lags, int m) {
            this.model = model;
            this.names = names;
            this.series = series;
            this.scales = scales;
            this.se = se;
            this.lags = lags;
            this.m = m;
        }

        /** Forecasts series number {@code index} (as given to {@code fit}). */
        public Forecast forecast(int index, int horizon, double... levels) {
            if (horizon < 1) {
                throw new IllegalArgumentException("horizon must be at least 1, was " + horizon);
            }
            double[] y = series.get(index);
            double scale = scales[index];
            if (y.length == 0) {
                return new Forecast("Zero", new double[horizon], Intervals.normal(new double[horizon], h -> 0,
                        levels, false), Optional.of("the series is empty; forecasting 0"));
            }
            double[] ext = Arrays.copyOf(y, y.length + horizon);
            double[] row = new double[lags + (m > 1 ? 1 : 0)];
            for (int h = 0; h < horizon; h++) {
                int t = y.length + h;
                fill(row, ext, t, lags, m, scale);
                ext[t] = predict(model, row, names) * scale;
            }
            double[] mean = Arrays.copyOfRange(ext, y.length, ext.length);
            double s = se[index] * scale;
            return new Forecast("GlobalGBM(lags=" + lags + ")", mean, Intervals.normal(mean, h -> s * Math.sqrt(h),
                    levels, false), Optional.empty());
        }

        /** The number of series the model was fitted on. */
        public int size() {
            return series.size();
        }
    }
}

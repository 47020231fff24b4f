package org.marketlink.forecast.internal;

/**
 * Seasonal adjustment as the M4 competition's benchmark code does it: a series is seasonal when its
 * autocorrelation at the seasonal lag passes a 90% test (and it holds at least three cycles); a seasonal series is
 * divided by the seasonal indices of a classical multiplicative decomposition, and forecasts are multiplied by the
 * last cycle of indices.
 */
public final class SeasonalAdjustment {
    private static final double T_CRIT = 1.645;

    private final double[] adjusted;
    private final double[] lastCycle;
    private final boolean seasonal;

    private SeasonalAdjustment(double[] adjusted, double[] lastCycle, boolean seasonal) {
        this.adjusted = adjusted;
        this.lastCycle = lastCycle;
        this.seasonal = seasonal;
    }

    /** Adjusts {@code y} (no missing values) at period {@code m}; non-seasonal series come back unchanged. */
    public static SeasonalAdjustment of(double[] y, int m) {
        if (m <= 1 || !isSeasonal(y, m)) {
            return new SeasonalAdjustment(y.clone(), new double[] {1.0}, false);
        }
        double[] index = multiplicativeIndices(y, m);
        if (index == null) {
            return new SeasonalAdjustment(y.clone(), new double[] {1.0}, false);
        }
        int n = y.length;
        double[] adjusted = new double[n];
        for (int t = 0; t < n; t++) {
            adjusted[t] = y[t] / index[t % m];
        }
        double[] last = new double[m];
        for (int k = 0; k < m; k++) {
            last[k] = index[(n - m + k) % m];
        }
        return new SeasonalAdjustment(adjusted, last, true);
    }

    /** The 90% autocorrelation test of the M4 code: |r_m| > 1.645 √((1 + 2 Σ_{k<m} r_k²) / n). */
    public static boolean isSeasonal(double[] y, int m) {
        int n = y.length;
        if (n < 3 * m) {
            return false;
        }
        // R's acf stops at 10·log10(n) lags; a seasonal lag beyond it is never tested
        int maxLag = (int) Math.floor(10 * Math.log10(n));
        if (m > Math.min(maxLag, n - 1)) {
            return false;
        }
        double[] r = acf(y, m);
        double sum = 1;
        for (int k = 1; k < m; k++) {
            sum += 2 * r[k] * r[k];
        }
        double limit = T_CRIT / Math.sqrt(n) * Math.sqrt(sum);
        return Math.abs(r[m]) > limit;
    }

    /** Sample autocorrelations r_0..r_maxLag (biased estimator, as R's acf). */
    public static double[] acf(double[] y, int maxLag) {
        int n = y.length;
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= n;
        double denom = 0;
        for (double v : y) {
            denom += (v - mean) * (v - mean);
        }
        double[] r = new double[maxLag + 1];
        for (int k = 0; k <= maxLag; k++) {
            double s = 0;
            for (int t = 0; t + k < n; t++) {
                s += (y[t] - mean) * (y[t + k] - mean);
            }
            r[k] = denom == 0 ? 0 : s / denom;
        }
        return r;
    }

    /**
     * Seasonal indices of a classical multiplicative decomposition (R's {@code decompose}): a centred moving
     * average as trend, the mean ratio to it per cycle position, normalised to mean 1. Null when there are fewer
     * than two cycles or a ratio cannot be formed.
     */
    public static double[] multiplicativeIndices(double[] y, int m) {
        double[] figure = Decompose.cycleMeans(y, m, (value, trend) -> value / trend);
        if (figure == null) {
            return null;
        }
        double mean = Decompose.mean(figure);
        if (!(mean != 0) || !Double.isFinite(mean)) {
            return null;
        }
        for (int k = 0; k < m; k++) {
            figure[k] /= mean;
            if (!(figure[k] > 0) || !Double.isFinite(figure[k])) {
                return null;
            }
        }
        return figure;
    }

    public double[] adjusted() {
        return adjusted.clone();
    }

    public boolean seasonal() {
        return seasonal;
    }

    /** The seasonal index of forecast step {@code h} (1-based). */
    public double indexAhead(int h) {
        return lastCycle[(h - 1) % lastCycle.length];
    }

    /** Multiplies each step of {@code values} by its seasonal index, in place. */
    public void reseasonalize(double[] values) {
        for (int h = 1; h <= values.length; h++) {
            values[h - 1] *= indexAhead(h);
        }
    }
}

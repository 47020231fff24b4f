package org.marketlink.forecast.internal;

import java.util.Arrays;

/**
 * STL, the seasonal-trend decomposition by loess of Cleveland, Cleveland, McRae and Terpenning (1990): the series
 * is the sum of a trend, one seasonal component of period {@code period} and a remainder. Plain (R's {@code stl}
 * default, {@code robust = FALSE}: two inner passes) or robust (one inner pass in each of 15 outer passes, each
 * weighting the values by a bisquare of their remainder, so that a few huge values, such as one bulk order, do not
 * bend the seasonal and trend components).
 *
 * <p>The windows are R's defaults: the seasonal window is the caller's ({@code s.window}); the trend window the
 * next odd number from {@code 1.5 period / (1 - 1.5 / seasonalWindow)}; the low-pass window the next odd number from
 * the period; degree 0 for the cycle-subseries smoothing and 1 for the low-pass and trend smoothing; two inner
 * passes. Unlike R's Fortran, every point is smoothed (R computes every {@code ceil(window / 10)}-th point and
 * interpolates between them), so the components differ from R's in the last digits, never in shape.
 *
 * <p>Stateless and thread-safe; each call works on its own arrays.
 */
public final class Stl {
    private static final int INNER_PASSES = 2;
    private static final int ROBUST_OUTER_PASSES = 15;

    private Stl() {
    }

    /** The trend and seasonal components (each as long as the series); the remainder is what is left. */
    public record Components(double[] trend, double[] seasonal) {
    }

    /**
     * Decomposes {@code y} (no missing values, at least two full periods).
     *
     * @param y              the series
     * @param period         observations per cycle, at least 2
     * @param seasonalWindow the seasonal smoother's span, odd, at least 3
     * @throws IllegalArgumentException when the series is shorter than two periods or a window is invalid
     */
    public static Components decompose(double[] y, int period, int seasonalWindow) {
        return decompose(y, period, seasonalWindow, false);
    }

    /**
     * Decomposes {@code y} as {@link #decompose(double[], int, int)} does, robustly when {@code robust}.
     */
    public static Components decompose(double[] y, int period, int seasonalWindow, boolean robust) {
        int n = y.length;
        if (period < 2 || n < 2 * period) {
            throw new IllegalArgumentException("STL needs a period of at least 2 and two full periods: period "
                    + period + ", " + n + " observations");
        }
        if (seasonalWindow < 3 || seasonalWindow % 2 == 0) {
            throw new IllegalArgumentException("the seasonal window must be odd and at least 3, was "
                    + seasonalWindow);
        }
        int trendWindow = nextOdd(Math.ceil(1.5 * period / (1 - 1.5 / seasonalWindow)));
        int lowPassWindow = nextOdd(period);
        double[] trend = new double[n];
        double[] seasonal = new double[n];
        double[] work = new double[n];
        double[] cycle = new double[n + 2 * period];
        double[] weights = new double[n + 2 * period]; // the loess weights, reused at every point
        double[] robustness = null;
        int outer = robust ? ROBUST_OUTER_PASSES : 1;
        int inner = robust ? 1 : INNER_PASSES;
        for (int o = 0; o < outer; o++) {
            for (int pass = 0; pass < inner; pass++) {
                for (int i = 0; i < n; i++) {
                    work[i] = y[i] - trend[i];
                }
                smoothSubseries(work, period, seasonalWindow, cycle, weights, robustness);
                double[] low = lowPass(cycle, n, period, lowPassWindow, weights);
                for (int i = 0; i < n; i++) {
                    seasonal[i] = cycle[period + i] - low[i];
                    work[i] = y[i] - seasonal[i];
                }
                for (int i = 0; i < n; i++) {
                    trend[i] = loess(work, n, i, trendWindow, 1, weights, robustness);
                }
            }
            if (robust) {
                robustness = robustnessWeights(y, trend, seasonal);
            }
        }
        return new Components(trend, seasonal);
    }

    /**
     * The bisquare weight of each value by its remainder against six times the median absolute remainder, as STL's
     * {@code rwts}: 1 for a small remainder, 0 beyond the bound.
     */
    private static double[] robustnessWeights(double[] y, double[] trend, double[] seasonal) {
        int n = y.length;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = Math.abs(y[i] - trend[i] - seasonal[i]);
        }
        double[] sorted = r.clone();
        Arrays.sort(sorted);
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double h = 6 * median;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            if (r[i] <= 0.001 * h) {
                w[i] = 1;
            } else if (r[i] <= 0.999 * h) {
                double u = r[i] / h;
                double v = 1 - u * u;
                w[i] = v * v;
            }
        }
        return w;
    }

    /**
     * Smooths each cycle-subseries (every {@code period}-th value) by loess of degree 0 and extends it by one value
     * at each end: {@code cycle} gets {@code n + 2 period} values, the first period before the series.
     */
    private static void smoothSubseries(double[] x, int period, int window, double[] cycle, double[] weights,
                                        double[] robustness) {
        int n = x.length;
        double[] sub = new double[n / period + 1];
        double[] subRobustness = robustness == null ? null : new double[n / period + 1];
        for (int j = 0; j < period; j++) {
            int k = 0;
            for (int i = j; i < n; i += period) {
                if (subRobustness != null) {
                    subRobustness[k] = robustness[i];
                }
                sub[k++] = x[i];
            }
            // positions -1 .. k: one extrapolated value before and after the subseries
            for (int m = -1; m <= k; m++) {
                cycle[j + (m + 1) * period] = loess(sub, k, m, window, 0, weights, subRobustness);
            }
        }
    }

    /** Moving averages of lengths period, period and 3 over {@code cycle}, then loess of degree 1: n values. */
    private static double[] lowPass(double[] cycle, int n, int period, int window, double[] weights) {
        double[] a = movingAverage(cycle, n + 2 * period, period);
        double[] b = movingAverage(a, n + period + 1, period);
        double[] c = movingAverage(b, n + 2, 3);
        double[] low = new double[n];
        for (int i = 0; i < n; i++) {
            low[i] = loess(c, n, i, window, 1, weights, null);
        }
        return low;
    }

    /** The means of each {@code length} consecutive values of the first {@code n} of {@code x}. */
    private static double[] movingAverage(double[] x, int n, int length) {
        double[] out = new double[n - length + 1];
        double sum = 0;
        for (int i = 0; i < length; i++) {
            sum += x[i];
        }
        out[0] = sum / length;
        for (int i = length; i < n; i++) {
            sum += x[i] - x[i - length];
            out[i - length + 1] = sum / length;
        }
        return out;
    }

    /**
     * The loess estimate at position {@code at} (which may lie one step outside 0..n-1) from the {@code window}
     * nearest of the first {@code n} values of {@code y} (positions 0..n-1), tricube-weighted, locally constant
     * ({@code degree} 0) or linear (1), as STL's {@code est} computes it, each value's weight also multiplied by its
     * robustness weight ({@code robustness[j]}) when there are any; {@code w} is scratch space of at least
     * {@code min(window, n)} values.
     */
    static double loess(double[] y, int n, int at, int window, int degree, double[] w, double[] robustness) {
        int left;
        int right;
        if (window >= n) {
            left = 0;
            right = n - 1;
        } else {
            left = Math.max(0, Math.min(at - (window - 1) / 2, n - window));
            right = left + window - 1;
        }
        double h = Math.max(at - left, right - at);
        if (window > n) {
            h += (window - n) / 2;
        }
        double upper = 0.999 * h;
        double lower = 0.001 * h;
        double total = 0;
        for (int j = left; j <= right; j++) {
            double r = Math.abs(j - at);
            double weight;
            if (r <= lower) {
                weight = 1;
            } else if (r <= upper) {
                double u = r / h;
                double v = 1 - u * u * u;
                weight = v * v * v;
            } else {
                weight = 0;
            }
            if (robustness != null) {
                weight *= robustness[j];
            }
            w[j - left] = weight;
            total += weight;
        }
        if (total <= 0) {
            // no neighbour close enough (a window of one): the nearest value
            return y[Math.max(0, Math.min(n - 1, at))];
        }
        for (int j = 0; j <= right - left; j++) {
            w[j] /= total;
        }
        if (degree > 0 && h > 0) {
            double mean = 0;
            for (int j = left; j <= right; j++) {
                mean += w[j - left] * j;
            }
            double spread = 0;
            for (int j = left; j <= right; j++) {
                double d = j - mean;
                spread += w[j - left] * d * d;
            }
            // a fit on a line only where the positions are spread enough to carry one (STL's own test)
            if (Math.sqrt(spread) > 0.001 * (n - 1)) {
                double slope = (at - mean) / spread;
                for (int j = left; j <= right; j++) {
                    w[j - left] *= slope * (j - mean) + 1;
                }
            }
        }
        double estimate = 0;
        for (int j = left; j <= right; j++) {
            estimate += w[j - left] * y[j];
        }
        return estimate;
    }

    private static int nextOdd(double x) {
        int k = (int) Math.round(x);
        return k % 2 == 0 ? k + 1 : k;
    }
}

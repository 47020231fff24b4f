package org.marketlink.forecast.evaluation;

/**
 * Forecast accuracy measures as the M4 competition computes them. All take primitive arrays of equal length.
 * Thread-safe (stateless).
 */
public final class Metrics {
    private Metrics() {
    }

    /** Mean of 200·|y − ŷ| / (|y| + |ŷ|), in percent; a step where both are 0 counts as 0. */
    public static double smape(double[] actual, double[] forecast) {
        check(actual, forecast);
        double s = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs(actual[i]) + Math.abs(forecast[i]);
            s += d == 0 ? 0 : 200 * Math.abs(actual[i] - forecast[i]) / d;
        }
        return s / actual.length;
    }

    /**
     * Mean absolute error scaled by the in-sample mean absolute difference at lag {@code m} (the seasonal naive
     * error). NaN when that scale is 0 (a constant training series).
     */
    public static double mase(double[] insample, double[] actual, double[] forecast, int m) {
        check(actual, forecast);
        double scale = seasonalNaiveScale(insample, m);
        if (Double.isNaN(scale)) {
            return Double.NaN;
        }
        double mae = 0;
        for (int i = 0; i < actual.length; i++) {
            mae += Math.abs(actual[i] - forecast[i]);
        }
        return mae / actual.length / scale;
    }

    /** Overall weighted average against Naive2: ½ (sMAPE / sMAPE_Naive2 + MASE / MASE_Naive2). */
    public static double owa(double smape, double mase, double naive2Smape, double naive2Mase) {
        return 0.5 * (smape / naive2Smape + mase / naive2Mase);
    }

    /** Root mean squared error. */
    public static double rmse(double[] actual, double[] forecast) {
        check(actual, forecast);
        double s = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = actual[i] - forecast[i];
            s += d * d;
        }
        return Math.sqrt(s / actual.length);
    }

    /** Share of actual values inside [lower, upper]. */
    public static double coverage(double[] actual, double[] lower, double[] upper) {
        check(actual, lower);
        check(actual, upper);
        int in = 0;
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] >= lower[i] && actual[i] <= upper[i]) {
                in++;
            }
        }
        return (double) in / actual.length;
    }

    /**
     * Mean scaled interval score of the M4 competition for a (100 − alpha·100)% interval, e.g. alpha = 0.05 for
     * 95%: (width + 2/α·(shortfall below + excess above)) averaged, divided by the seasonal naive scale.
     */
    public static double msis(double[] insample, double[] actual, double[] lower, double[] upper, int m,
                              double alpha) {
        check(actual, lower);
        check(actual, upper);
        double scale = seasonalNaiveScale(insample, m);
        if (Double.isNaN(scale)) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < actual.length; i++) {
            s += upper[i] - lower[i];
            if (actual[i] < lower[i]) {
                s += 2 / alpha * (lower[i] - actual[i]);
            }
            if (actual[i] > upper[i]) {
                s += 2 / alpha * (actual[i] - upper[i]);
            }
        }
        return s / actual.length / scale;
    }

    /** Pinball (quantile) loss of a forecast of the {@code q} quantile, averaged over steps. */
    public static double pinball(double[] actual, double[] quantileForecast, double q) {
        check(actual, quantileForecast);
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("q must be in (0, 1), was " + q);
        }
        double s = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = actual[i] - quantileForecast[i];
            s += d >= 0 ? q * d : (q - 1) * d;
        }
        return s / actual.length;
    }

    private static void check(double[] a, double[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("arrays must have the same, non-zero length; were " + a.length
                    + " and " + b.length);
        }
    }

    /**
     * The in-sample mean absolute error of the seasonal naive forecast at lag {@code max(1, m)}, which scales MASE
     * and MSIS; NaN when there is no lagged pair or every difference is zero.
     */
    private static double seasonalNaiveScale(double[] insample, int m) {
        int lag = Math.max(1, m);
        double scale = 0;
        int n = 0;
        for (int t = lag; t < insample.length; t++) {
            scale += Math.abs(insample[t] - insample[t - lag]);
            n++;
        }
        return n == 0 || scale == 0 ? Double.NaN : scale / n;
    }
}

package org.marketlink.forecast.internal;

/** Residual standard errors of the naive methods. */
public final class Naives {
    private Naives() {
    }

    /** √(mean of squared first differences), R's {@code naive()} standard error; 0 for one value. */
    public static double randomWalkSe(double[] y) {
        return lagSe(y, 1);
    }

    /** √(mean of squared differences at lag m). */
    public static double lagSe(double[] y, int m) {
        double s = 0;
        int n = 0;
        for (int t = m; t < y.length; t++) {
            double d = y[t] - y[t - m];
            s += d * d;
            n++;
        }
        return n == 0 ? 0 : Math.sqrt(s / n);
    }
}

package org.marketlink.forecast.internal;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/** The small least-squares fits the ETS start values and the Theta line need. Pure functions. */
public final class Regression {
    private Regression() {
    }

    /** Intercept and slope of y[0..n) on t = 1..n (slope 0 when n is 1). */
    public static double[] line(double[] y, int n) {
        double meanT = (n + 1) / 2.0;
        double meanY = 0;
        for (int t = 0; t < n; t++) {
            meanY += y[t];
        }
        meanY /= n;
        double sxy = 0;
        double sxx = 0;
        for (int t = 1; t <= n; t++) {
            sxy += (t - meanT) * (y[t - 1] - meanY);
            sxx += (t - meanT) * (t - meanT);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        return new double[] {meanY - slope * meanT, slope};
    }

    /**
     * Intercept and trend coefficient of y on (1, t, sin(2πt/m), cos(2πt/m)), R's {@code tslm(y ~ trend +
     * fourier(y, 1))}; the sine is left out for m = 2, where it is zero.
     */
    static double[] fourierTrend(double[] y, int m) {
        int n = y.length;
        int cols = m == 2 ? 3 : 4;
        if (n <= cols) {
            return null;
        }
        RealMatrix x = new Array2DRowRealMatrix(n, cols);
        for (int t = 1; t <= n; t++) {
            x.setEntry(t - 1, 0, 1);
            x.setEntry(t - 1, 1, t);
            double w = 2 * Math.PI * t / m;
            if (m == 2) {
                x.setEntry(t - 1, 2, Math.cos(w));
            } else {
                x.setEntry(t - 1, 2, Math.sin(w));
                x.setEntry(t - 1, 3, Math.cos(w));
            }
        }
        try {
            double[] beta = new QRDecomposition(x).getSolver().solve(new ArrayRealVector(y)).toArray();
            return new double[] {beta[0], beta[1]};
        } catch (RuntimeException e) {
            return null;
        }
    }
}

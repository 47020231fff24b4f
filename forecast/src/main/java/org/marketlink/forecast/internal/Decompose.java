package org.marketlink.forecast.internal;

/** Classical additive decomposition (R's {@code decompose(type = "additive")}): the seasonal figure. */
final class Decompose {
    private Decompose() {
    }

    /** The mean deviation from a centred moving average per cycle position, centred to mean 0; null if too short. */
    static double[] additiveFigure(double[] y, int m) {
        int n = y.length;
        if (n < 2 * m) {
            return null;
        }
        double[] w = new double[m % 2 == 0 ? m + 1 : m];
        java.util.Arrays.fill(w, 1.0 / m);
        if (m % 2 == 0) {
            w[0] = 0.5 / m;
            w[m] = 0.5 / m;
        }
        int half = w.length / 2;
        double[] sum = new double[m];
        int[] count = new int[m];
        for (int t = half; t < n - half; t++) {
            double trend = 0;
            for (int j = 0; j < w.length; j++) {
                trend += w[j] * y[t - half + j];
            }
            sum[t % m] += y[t] - trend;
            count[t % m]++;
        }
        double[] figure = new double[m];
        double mean = 0;
        for (int k = 0; k < m; k++) {
            if (count[k] == 0) {
                return null;
            }
            figure[k] = sum[k] / count[k];
            mean += figure[k];
        }
        mean /= m;
        for (int k = 0; k < m; k++) {
            figure[k] -= mean;
        }
        return figure;
    }
}

package org.marketlink.forecast.internal;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;

/** Classical additive decomposition (R's {@code decompose(type = "additive")}): the seasonal figure. */
final class Decompose {
    private Decompose() {
    }

    /** The mean deviation from a centred moving average per cycle position, centred to mean 0; null if too short. */
    static double[] additiveFigure(double[] y, int m) {
        double[] figure = cycleMeans(y, m, (value, trend) -> value - trend);
        if (figure == null) {
            return null;
        }
        double mean = mean(figure);
        for (int k = 0; k < m; k++) {
            figure[k] -= mean;
        }
        return figure;
    }

    /** The mean of a seasonal figure (one value per cycle position), summed in position order. */
    static double mean(double[] figure) {
        double sum = 0;
        for (double f : figure) {
            sum += f;
        }
        return sum / figure.length;
    }

    /**
     * Per cycle position, the mean of {@code detrend(y[t], trend[t])} where the trend is the centred moving average
     * of one cycle (a 2×m average for even m), over the points it covers; non-finite results are skipped. The step
     * both classical decompositions share: additive passes the difference, multiplicative the ratio.
     *
     * @return null when the series is shorter than two cycles or a position has no value
     */
    static double[] cycleMeans(double[] y, int m, DoubleBinaryOperator detrend) {
        int n = y.length;
        if (n < 2 * m) {
            return null;
        }
        double[] w = new double[m % 2 == 0 ? m + 1 : m];
        Arrays.fill(w, 1.0 / m);
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
            double d = detrend.applyAsDouble(y[t], trend);
            if (Double.isFinite(d)) {
                sum[t % m] += d;
                count[t % m]++;
            }
        }
        double[] means = new double[m];
        for (int k = 0; k < m; k++) {
            if (count[k] == 0) {
                return null;
            }
            means[k] = sum[k] / count[k];
        }
        return means;
    }
}

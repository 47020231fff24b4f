package org.marketlink.forecast.internal;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Automatic ARIMA order selection in the way of Hyndman and Khandakar (2008): the number of differences from
 * repeated KPSS tests (5%), a seasonal difference when the seasonal strength of a classical decomposition exceeds
 * 0.64, then a stepwise search over (p, q, P, Q) and the constant by AICc, from four starting models, moving one
 * order (or p and q together) at a time, with p, q ≤ 5, P, Q ≤ 2 and p + q + P + Q ≤ 5.
 */
public final class ArimaSearch {
    private static final double KPSS_CRITICAL_5 = 0.463;
    private static final int MAX_MODELS = 94;

    private ArimaSearch() {
    }

    /** The best model found, or null when none could be fitted. */
    public static ArimaFit search(double[] y, int m) {
        int seasonal = m > 1 && y.length >= 2 * m + 3 ? m : 1;
        int bigD = seasonal > 1 && seasonalStrength(y, seasonal) > 0.64 ? 1 : 0;
        double[] afterSeasonal = ArimaFit.difference(y, 0, bigD, seasonal);
        int d = 0;
        double[] w = afterSeasonal;
        while (d < 2 && w.length > 10 && kpss(w) > KPSS_CRITICAL_5) {
            d++;
            w = ArimaFit.difference(afterSeasonal, d, 0, 1);
        }
        boolean canConstant = d + bigD <= 1;
        ArimaFit best = null;
        int[][] starts = seasonal > 1
                ? new int[][] {{2, 2, 1, 1}, {0, 0, 0, 0}, {1, 0, 1, 0}, {0, 1, 0, 1}}
                : new int[][] {{2, 2, 0, 0}, {0, 0, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0}};
        Set<String> tried = new HashSet<>();
        int[] current = null;
        boolean currentConstant = canConstant;
        for (int[] s : starts) {
            ArimaFit f = tryFit(y, s, d, bigD, seasonal, canConstant, tried);
            if (f != null && (best == null || f.aicc() < best.aicc())) {
                best = f;
                current = s.clone();
            }
        }
        if (canConstant) {
            ArimaFit f = tryFit(y, new int[] {0, 0, 0, 0}, d, bigD, seasonal, false, tried);
            if (f != null && (best == null || f.aicc() < best.aicc())) {
                best = f;
                current = new int[] {0, 0, 0, 0};
                currentConstant = false;
            }
        }
        if (best == null) {
            return null;
        }
        boolean improved = true;
        while (improved && tried.size() < MAX_MODELS) {
            improved = false;
            int[][] moves = seasonal > 1
                    ? new int[][] {{1, 0, 0, 0}, {-1, 0, 0, 0}, {0, 1, 0, 0}, {0, -1, 0, 0}, {1, 1, 0, 0},
                            {-1, -1, 0, 0}, {0, 0, 1, 0}, {0, 0, -1, 0}, {0, 0, 0, 1}, {0, 0, 0, -1}, {0, 0, 1, 1},
                            {0, 0, -1, -1}}
                    : new int[][] {{1, 0, 0, 0}, {-1, 0, 0, 0}, {0, 1, 0, 0}, {0, -1, 0, 0}, {1, 1, 0, 0},
                            {-1, -1, 0, 0}};
            for (int[] mv : moves) {
                int[] next = {current[0] + mv[0], current[1] + mv[1], current[2] + mv[2], current[3] + mv[3]};
                ArimaFit f = tryFit(y, next, d, bigD, seasonal, currentConstant, tried);
                if (f != null && f.aicc() < best.aicc()) {
                    best = f;
                    current = next;
                    improved = true;
                }
            }
            if (canConstant) {
                ArimaFit f = tryFit(y, current, d, bigD, seasonal, !currentConstant, tried);
                if (f != null && f.aicc() < best.aicc()) {
                    best = f;
                    currentConstant = !currentConstant;
                    improved = true;
                }
            }
        }
        return best;
    }

    private static ArimaFit tryFit(double[] y, int[] o, int d, int bigD, int m, boolean constant,
                                   Set<String> tried) {
        if (o[0] < 0 || o[1] < 0 || o[2] < 0 || o[3] < 0 || o[0] > 5 || o[1] > 5 || o[2] > 2 || o[3] > 2
                || o[0] + o[1] + o[2] + o[3] > 5) {
            return null;
        }
        String key = o[0] + "," + o[1] + "," + o[2] + "," + o[3] + "," + constant;
        if (!tried.add(key)) {
            return null;
        }
        return ArimaFit.fit(y, o[0], d, o[1], o[2], bigD, o[3], m, constant);
    }

    /**
     * The KPSS level-stationarity statistic with the "short" Newey–West lag truncation trunc(4·(n/100)^¼), as
     * {@code urca::ur.kpss(type = "mu", lags = "short")}.
     */
    public static double kpss(double[] x) {
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double[] e = new double[n];
        for (int t = 0; t < n; t++) {
            e[t] = x[t] - mean;
        }
        double s = 0;
        double eta = 0;
        for (int t = 0; t < n; t++) {
            s += e[t];
            eta += s * s;
        }
        eta /= (double) n * n;
        int lags = (int) Math.floor(4 * Math.pow(n / 100.0, 0.25));
        double gamma0 = 0;
        for (double v : e) {
            gamma0 += v * v;
        }
        double lrv = gamma0 / n;
        for (int k = 1; k <= lags; k++) {
            double g = 0;
            for (int t = k; t < n; t++) {
                g += e[t] * e[t - k];
            }
            lrv += 2 * (1 - k / (lags + 1.0)) * g / n;
        }
        return lrv <= 0 ? 0 : eta / lrv;
    }

    /**
     * 1 − var(remainder) / var(seasonal + remainder) of a classical additive decomposition, at least 0: how much
     * of the detrended variation the seasonal pattern explains.
     */
    public static double seasonalStrength(double[] y, int m) {
        double[] figure = Decompose.additiveFigure(y, m);
        if (figure == null) {
            return 0;
        }
        int half = (m % 2 == 0 ? m + 1 : m) / 2;
        double[] w = new double[m % 2 == 0 ? m + 1 : m];
        Arrays.fill(w, 1.0 / m);
        if (m % 2 == 0) {
            w[0] = 0.5 / m;
            w[m] = 0.5 / m;
        }
        double sumR = 0;
        double sumR2 = 0;
        double sumSR = 0;
        double sumSR2 = 0;
        int n = 0;
        for (int t = half; t < y.length - half; t++) {
            double trend = 0;
            for (int j = 0; j < w.length; j++) {
                trend += w[j] * y[t - half + j];
            }
            double detrended = y[t] - trend;
            double remainder = detrended - figure[t % m];
            sumR += remainder;
            sumR2 += remainder * remainder;
            sumSR += detrended;
            sumSR2 += detrended * detrended;
            n++;
        }
        if (n < 2) {
            return 0;
        }
        double varR = sumR2 / n - (sumR / n) * (sumR / n);
        double varSR = sumSR2 / n - (sumSR / n) * (sumSR / n);
        return varSR <= 0 ? 0 : Math.max(0, 1 - varR / varSR);
    }
}

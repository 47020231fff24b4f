package org.marketlink.forecast.internal;

/**
 * Simple exponential smoothing fitted by least squares of the one-step errors, as R's {@code ses()} does
 * ({@code ets(ANN, opt.crit = "mse")} with the initial level estimated): alpha in [0.0001, 0.9999] and the
 * initial level chosen jointly.
 *
 * <p>For a given alpha the one-step errors are linear in the initial level, so its best value has a closed form;
 * only alpha is searched, on a grid refined by golden-section search. This finds the global least-squares
 * optimum, which R's Nelder–Mead approaches from its starting point. Works on primitive arrays, no allocation
 * per step.
 */
public final class SesFit {
    public static final double ALPHA_MIN = 1e-4;
    public static final double ALPHA_MAX = 0.9999;

    private final double alpha;
    private final double initialLevel;
    private final double lastLevel;
    private final double sse;
    private final int n;

    private SesFit(double alpha, double initialLevel, double lastLevel, double sse, int n) {
        this.alpha = alpha;
        this.initialLevel = initialLevel;
        this.lastLevel = lastLevel;
        this.sse = sse;
        this.n = n;
    }

    /** Fits {@code y} (at least one value, no missing values). */
    public static SesFit fit(double[] y) {
        int steps = 60;
        double bestA = ALPHA_MIN;
        double bestSse = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= steps; i++) {
            double a = ALPHA_MIN + (ALPHA_MAX - ALPHA_MIN) * i / steps;
            double s = sseAt(y, a);
            if (s < bestSse) {
                bestSse = s;
                bestA = a;
            }
        }
        double lo = Math.max(ALPHA_MIN, bestA - (ALPHA_MAX - ALPHA_MIN) / steps);
        double hi = Math.min(ALPHA_MAX, bestA + (ALPHA_MAX - ALPHA_MIN) / steps);
        double g = (Math.sqrt(5) - 1) / 2;
        double c = hi - g * (hi - lo);
        double d = lo + g * (hi - lo);
        double fc = sseAt(y, c);
        double fd = sseAt(y, d);
        for (int it = 0; it < 80 && hi - lo > 1e-10; it++) {
            if (fc < fd) {
                hi = d;
                d = c;
                fd = fc;
                c = hi - g * (hi - lo);
                fc = sseAt(y, c);
            } else {
                lo = c;
                c = d;
                fc = fd;
                d = lo + g * (hi - lo);
                fd = sseAt(y, d);
            }
        }
        double a = (lo + hi) / 2;
        if (sseAt(y, a) > bestSse) {
            a = bestA;
        }
        return withAlpha(y, a);
    }

    /**
     * SES fitted the way R's {@code ses()} does it: Nelder–Mead over (alpha, initial level) from alpha = 0.2 and
     * the mean of the first ten values, minimising the mean squared one-step error, alpha kept in
     * [0.0001, 0.9999]. Where the error surface has several minima this lands where R lands.
     */
    public static SesFit fitLikeR(double[] y) {
        int first = Math.min(10, y.length);
        double l0 = 0;
        for (int i = 0; i < first; i++) {
            l0 += y[i];
        }
        l0 /= first;
        double alpha0 = ALPHA_MIN + 0.2 * (ALPHA_MAX - ALPHA_MIN);
        NelderMead.Result r = NelderMead.minimize(x -> {
            if (x[0] < ALPHA_MIN || x[0] > ALPHA_MAX) {
                return Double.POSITIVE_INFINITY;
            }
            return mse(y, x[0], x[1]);
        }, new double[] {alpha0, l0}, 2000);
        return run(y, r.x()[0], r.x()[1]);
    }

    /**
     * Mean squared one-step error of SES. The level recursion is unrolled four steps at a time: the level four
     * steps on is (1−α)⁴·L plus a term of the data alone, so the dependent chain is one multiply-add per four
     * observations and the processor can work on the rest in parallel. This is the hot loop of every SES and Theta
     * fit (Nelder–Mead calls it about 140 times per series).
     */
    static double mse(double[] y, double alpha, double l0) {
        double a = 1 - alpha;
        double a2 = a * a;
        double a3 = a2 * a;
        double a4 = a2 * a2;
        double level = l0;
        double sse = 0;
        int n = y.length;
        int t = 0;
        for (; t + 3 < n; t += 4) {
            double y0 = y[t];
            double y1 = y[t + 1];
            double y2 = y[t + 2];
            double y3 = y[t + 3];
            double l1 = a * level + alpha * y0;
            double l2 = a2 * level + alpha * (a * y0 + y1);
            double l3 = a3 * level + alpha * (a2 * y0 + a * y1 + y2);
            double e0 = y0 - level;
            double e1 = y1 - l1;
            double e2 = y2 - l2;
            double e3 = y3 - l3;
            sse += e0 * e0 + e1 * e1 + e2 * e2 + e3 * e3;
            level = a4 * level + alpha * (a3 * y0 + a2 * y1 + a * y2 + y3);
        }
        for (; t < n; t++) {
            double e = y[t] - level;
            sse += e * e;
            level += alpha * e;
        }
        return sse / n;
    }

    /** SES with a given alpha and the least-squares initial level. */
    public static SesFit withAlpha(double[] y, double alpha) {
        return run(y, alpha, bestInitialLevel(y, alpha));
    }

    /** Runs the level recursion once from {@code l0}: the squared one-step errors and the last level. */
    private static SesFit run(double[] y, double alpha, double l0) {
        double level = l0;
        double sse = 0;
        for (double v : y) {
            double e = v - level;
            sse += e * e;
            level += alpha * e;
        }
        return new SesFit(alpha, l0, level, sse, y.length);
    }

    /**
     * With level_t = (1−α) level_{t−1} + α y_t, the one-step forecast of y_t is w_t·l0 + c_t with w_t = (1−α)^(t−1);
     * the squared-error-minimising l0 is Σ w_t (y_t − c_t) / Σ w_t².
     */
    private static double bestInitialLevel(double[] y, double alpha) {
        double w = 1;
        double c = 0;
        double num = 0;
        double den = 0;
        for (double v : y) {
            num += w * (v - c);
            den += w * w;
            c = (1 - alpha) * c + alpha * v;
            w *= 1 - alpha;
        }
        return den == 0 ? y[0] : num / den;
    }

    private static double sseAt(double[] y, double alpha) {
        return withAlpha(y, alpha).sse;
    }

    public double alpha() {
        return alpha;
    }

    public double initialLevel() {
        return initialLevel;
    }

    /** The level after the last observation: the point forecast for every step. */
    public double lastLevel() {
        return lastLevel;
    }

    /** Residual variance of the one-step errors, over n − 2 degrees of freedom (alpha and l0 estimated). */
    public double sigma2() {
        return n > 2 ? sse / (n - 2) : sse / Math.max(1, n);
    }

    /** The one-step-ahead fitted values, oldest first. */
    public double[] fitted(double[] y) {
        double[] f = new double[y.length];
        double level = initialLevel;
        for (int t = 0; t < y.length; t++) {
            f[t] = level;
            level += alpha * (y[t] - level);
        }
        return f;
    }
}

package org.marketlink.forecast.internal;

import org.marketlink.forecast.ModelSummary;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * A seasonal ARIMA(p,d,q)(P,D,Q)m fitted by least squares: the differenced series, less its mean (a drift when
 * d + D = 1) when the model has a constant, follows the multiplicative ARMA; parameters minimise the sum of squared
 * one-step errors over the whole differenced series (pre-sample values at the mean), with stationary AR and invertible MA polynomials
 * enforced by the Schur–Cohn test. Forecasts run the integrated model on the original scale; variances come from
 * its ψ-weights. Works on primitive arrays.
 */
public final class ArimaFit {
    private final int p;
    private final int d;
    private final int q;
    private final int bigP;
    private final int bigD;
    private final int bigQ;
    private final int m;
    private final boolean constant;
    private final double[] ar;      // combined AR of the differenced series, a_1..a_P'
    private final double[] ma;      // combined MA, b_1..b_Q'
    private final double mean;
    private final double sigma2;
    private final double css;
    private final int effective;
    private final double[] y;
    private final double[] residuals;
    /** The free parameters: φ, θ, Φ, Θ, then the mean or drift. */
    private final double[] coefficients;
    /** The exact log-likelihood and its σ² after a maximum-likelihood fit; NaN for a CSS fit. */
    private final double exactLogLik;
    /** The Kalman filter's state for the step after the last observation, after a maximum-likelihood fit. */
    private final double[] exactState;

    private ArimaFit(int p, int d, int q, int bigP, int bigD, int bigQ, int m, boolean constant, double[] ar,
                     double[] ma, double mean, double css, int effective, double[] y, double[] residuals,
                     double[] coefficients, double exactLogLik, double exactSigma2, double[] exactState) {
        this.p = p;
        this.d = d;
        this.q = q;
        this.bigP = bigP;
        this.bigD = bigD;
        this.bigQ = bigQ;
        this.m = m;
        this.constant = constant;
        this.ar = ar;
        this.ma = ma;
        this.mean = mean;
        this.css = css;
        this.effective = effective;
        this.sigma2 = Double.isNaN(exactLogLik) ? css / Math.max(1, effective - parameters()) : exactSigma2;
        this.y = y;
        this.residuals = residuals;
        this.coefficients = coefficients;
        this.exactLogLik = exactLogLik;
        this.exactState = exactState;
    }

    /** Fits the given orders; null when there is too little data or no stationary, invertible fit. */
    public static ArimaFit fit(double[] y, int p, int d, int q, int bigP, int bigD, int bigQ, int m,
                               boolean constant) {
        int period = bigP + bigD + bigQ > 0 ? m : 1;
        double[] w = difference(y, d, bigD, period);
        int arOrder = p + period * bigP;
        int maOrder = q + period * bigQ;
        int k = p + q + bigP + bigQ + (constant ? 1 : 0);
        if (w.length < k + 4 || w.length <= arOrder) {
            return null;
        }
        double wMean = 0;
        for (double v : w) {
            wMean += v;
        }
        wMean /= w.length;
        double[] start = new double[k];
        if (constant) {
            start[k - 1] = wMean;
        }
        double scale = 0;
        for (double v : w) {
            scale += (v - wMean) * (v - wMean);
        }
        scale = Math.max(scale / w.length, 1e-12);
        final double norm = scale;
        double[] arBuf = new double[arOrder];
        double[] maBuf = new double[maOrder];
        double[] e = new double[w.length];
        NelderMead.Objective objective = x -> {
            if (!expand(x, p, q, bigP, bigQ, period, arBuf, maBuf)) {
                return Double.POSITIVE_INFINITY;
            }
            double mu = constant ? x[k - 1] : 0;
            double s = cssOf(w, mu, arBuf, maBuf, e);
            return s / norm;
        };
        NelderMead.Result r = k == 0 ? new NelderMead.Result(new double[0], objective.value(new double[0]), 1, true)
                : NelderMead.minimize(objective, start, 1e-8, 2000);
        double[] x = r.x();
        if (!expand(x, p, q, bigP, bigQ, period, arBuf, maBuf)) {
            return null;
        }
        double mu = constant ? x[k - 1] : 0;
        double s = cssOf(w, mu, arBuf, maBuf, e);
        if (!Double.isFinite(s)) {
            return null;
        }
        double[] res = e.clone();
        return new ArimaFit(p, d, q, bigP, bigD, bigQ, period, constant, arBuf.clone(), maBuf.clone(), mu, s,
                w.length, y.clone(), res, x.clone(), Double.NaN, Double.NaN, null);
    }

    /**
     * The same orders fitted by exact maximum likelihood (R's {@code method = "CSS-ML"}): Nelder–Mead on the exact
     * Gaussian likelihood of the differenced series ({@link ArmaLikelihood}), started from this conditional fit.
     * The criteria are R's; σ² is the likelihood's estimate scaled by {@code n / (n - k)} for the {@code k}
     * coefficients, as {@code forecast::Arima} reports it and uses it for intervals. Forecasts come from the Kalman
     * filter's last state. Returns this fit when there is nothing to
     * estimate, or when the exact fit fails (a boundary the filter cannot start from).
     */
    public ArimaFit maximumLikelihood() {
        int k = coefficients.length;
        int period = bigP + bigD + bigQ > 0 ? m : 1;
        double[] w = difference(y, d, bigD, period);
        int arOrder = p + period * bigP;
        int maOrder = q + period * bigQ;
        ArmaLikelihood likelihood = new ArmaLikelihood(arOrder, maOrder);
        double[] arBuf = new double[arOrder];
        double[] maBuf = new double[maOrder];
        double[] z = new double[w.length];
        NelderMead.Objective objective = x -> {
            if (!expand(x, p, q, bigP, bigQ, period, arBuf, maBuf)) {
                return Double.POSITIVE_INFINITY;
            }
            ArmaLikelihood.Value v = likelihood.evaluate(centred(w, constant ? x[k - 1] : 0, z), arBuf, maBuf);
            return v == null ? Double.POSITIVE_INFINITY : v.minusTwoLogLik() / w.length;
        };
        double[] x = coefficients;
        if (k > 0) {
            NelderMead.Result r = NelderMead.minimize(objective, coefficients, 1e-10, 4000);
            if (!Double.isFinite(r.value()) || r.value() > objective.value(coefficients)) {
                return this;
            }
            x = r.x();
        }
        if (!expand(x, p, q, bigP, bigQ, period, arBuf, maBuf)) {
            return this;
        }
        double mu = constant ? x[k - 1] : 0;
        ArmaLikelihood.Value v = likelihood.evaluate(centred(w, mu, z), arBuf, maBuf);
        if (v == null) {
            return this;
        }
        double[] e = new double[w.length];
        double css = cssOf(w, mu, arBuf, maBuf, e);
        return new ArimaFit(p, d, q, bigP, bigD, bigQ, period, constant, arBuf.clone(), maBuf.clone(), mu, css,
                w.length, y, e, x.clone(), -0.5 * v.minusTwoLogLik(),
                // σ² for intervals as R's forecast::Arima gives it: the MLE times n / (n - coefficients)
                v.sigma2() * w.length / Math.max(1, w.length - k), likelihood.state());
    }

    /** {@code w - mu} into {@code out}, which is returned. */
    private static double[] centred(double[] w, double mu, double[] out) {
        for (int t = 0; t < w.length; t++) {
            out[t] = w[t] - mu;
        }
        return out;
    }

    /** The free parameters in R's order: φ_1..φ_p, θ_1..θ_q, Φ_1..Φ_P, Θ_1..Θ_Q, then the mean or drift. */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** Whether the parameters maximise the exact likelihood ({@link #maximumLikelihood}) rather than the CSS. */
    public boolean exact() {
        return !Double.isNaN(exactLogLik);
    }

    /** Multiplies out the seasonal polynomials; false when AR is not stationary or MA not invertible. */
    private static boolean expand(double[] x, int p, int q, int bigP, int bigQ, int m, double[] ar, double[] ma) {
        Arrays.fill(ar, 0);
        Arrays.fill(ma, 0);
        // AR: (1 − Σφ_i B^i)(1 − ΣΦ_j B^{mj}) = 1 − Σ a_k B^k
        double[] phi = Arrays.copyOfRange(x, 0, p);
        double[] sphi = Arrays.copyOfRange(x, p + q, p + q + bigP);
        double[] theta = Arrays.copyOfRange(x, p, p + q);
        double[] stheta = Arrays.copyOfRange(x, p + q + bigP, p + q + bigP + bigQ);
        if (!stable(phi, -1) || !stable(sphi, -1) || !stable(theta, 1) || !stable(stheta, 1)) {
            return false;
        }
        for (int i = 0; i < p; i++) {
            ar[i] += phi[i];
        }
        for (int j = 0; j < bigP; j++) {
            ar[m * (j + 1) - 1] += sphi[j];
            for (int i = 0; i < p; i++) {
                ar[m * (j + 1) + i] -= phi[i] * sphi[j];
            }
        }
        for (int i = 0; i < q; i++) {
            ma[i] += theta[i];
        }
        for (int j = 0; j < bigQ; j++) {
            ma[m * (j + 1) - 1] += stheta[j];
            for (int i = 0; i < q; i++) {
                ma[m * (j + 1) + i] += theta[i] * stheta[j];
            }
        }
        return true;
    }

    /**
     * Whether 1 + sign·Σ c_i z^i has all roots outside the unit circle (sign −1 for AR, +1 for MA), i.e. the
     * reversed polynomial has all roots inside; a small margin keeps fits off the boundary.
     */
    private static boolean stable(double[] c, int sign) {
        int k = c.length;
        if (k == 0) {
            return true;
        }
        double[] reversed = new double[k + 1];
        reversed[k] = 1;
        for (int i = 0; i < k; i++) {
            reversed[k - 1 - i] = sign * c[i];
        }
        return SchurCohn.rootsWithin(reversed, 0.999);
    }

    /**
     * Sum of squared one-step errors over the whole differenced series, values before its start taken at the mean
     * (so every candidate model is scored on the same observations and AICc comparisons are fair).
     */
    private static double cssOf(double[] w, double mu, double[] ar, double[] ma, double[] e) {
        double s = 0;
        Arrays.fill(e, 0);
        for (int t = 0; t < w.length; t++) {
            double v = w[t] - mu;
            for (int i = 0; i < ar.length && t - 1 - i >= 0; i++) {
                v -= ar[i] * (w[t - 1 - i] - mu);
            }
            for (int j = 0; j < ma.length && t - 1 - j >= 0; j++) {
                v -= ma[j] * e[t - 1 - j];
            }
            e[t] = v;
            s += v * v;
        }
        return s;
    }

    /** y differenced d times at lag 1 and D times at lag m. */
    public static double[] difference(double[] y, int d, int bigD, int m) {
        double[] w = y.clone();
        for (int i = 0; i < bigD; i++) {
            w = lagDiff(w, m);
        }
        for (int i = 0; i < d; i++) {
            w = lagDiff(w, 1);
        }
        return w;
    }

    private static double[] lagDiff(double[] x, int lag) {
        if (x.length <= lag) {
            return new double[0];
        }
        double[] out = new double[x.length - lag];
        for (int t = lag; t < x.length; t++) {
            out[t - lag] = x[t] - x[t - lag];
        }
        return out;
    }

    public int parameters() {
        return p + q + bigP + bigQ + (constant ? 1 : 0);
    }

    /** The exact log-likelihood after {@link #maximumLikelihood}, else the Gaussian log-likelihood of the CSS fit. */
    public double logLik() {
        if (!Double.isNaN(exactLogLik)) {
            return exactLogLik;
        }
        double s2 = css / effective;
        return -0.5 * effective * (Math.log(2 * Math.PI * s2) + 1);
    }

    public double aicc() {
        int k = parameters() + 1;
        double aic = -2 * logLik() + 2 * k;
        return effective - k - 1 > 0 ? aic + 2.0 * k * (k + 1) / (effective - k - 1) : Double.POSITIVE_INFINITY;
    }

    public double sigma2() {
        return sigma2;
    }

    /**
     * The in-sample summary: the one-step error of the series equals that of its differences (the differencing terms
     * are past values), so the first {@code d + D·m} observations, which have no difference, have no fitted value.
     * The likelihood is the conditional one the fit maximised, over the {@code n - d - D·m} differences.
     */
    public ModelSummary summary() {
        int offset = y.length - residuals.length;
        double[] fitted = new double[y.length];
        double[] errors = new double[y.length];
        for (int t = 0; t < y.length; t++) {
            errors[t] = t < offset ? Double.NaN : residuals[t - offset];
            fitted[t] = t < offset ? Double.NaN : y[t] - errors[t];
        }
        int k = parameters() + 1;
        double aic = -2 * logLik() + 2 * k;
        return new ModelSummary(toString(), fitted, errors, errors, p + q + bigP + bigQ, sigma2,
                OptionalDouble.of(logLik()), OptionalDouble.of(aic), OptionalDouble.of(aicc()),
                OptionalDouble.of(-2 * logLik() + Math.log(effective) * k));
    }

    /** The full AR polynomial of y including differencing: coefficients c with y_t = Σ c_i y_{t−i} + ... */
    private double[] integratedAr() {
        // (1 − Σ a B^i)(1 − B)^d (1 − B^m)^D = 1 − Σ c_i B^i
        double[] poly = new double[ar.length + 1];
        poly[0] = 1;
        for (int i = 0; i < ar.length; i++) {
            poly[i + 1] = -ar[i];
        }
        for (int i = 0; i < d; i++) {
            poly = multiply(poly, lagPoly(1));
        }
        for (int i = 0; i < bigD; i++) {
            poly = multiply(poly, lagPoly(m));
        }
        double[] c = new double[poly.length - 1];
        for (int i = 1; i < poly.length; i++) {
            c[i - 1] = -poly[i];
        }
        return c;
    }

    private static double[] lagPoly(int lag) {
        double[] x = new double[lag + 1];
        x[0] = 1;
        x[lag] = -1;
        return x;
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] out = new double[a.length + b.length - 1];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                out[i + j] += a[i] * b[j];
            }
        }
        return out;
    }

    /** Point forecasts for {@code h} steps. */
    public double[] forecast(int h) {
        if (exactState != null) {
            return exactForecast(h);
        }
        double[] c = integratedAr();
        double arAtOne = 1;
        for (double a : ar) {
            arAtOne -= a;
        }
        double intercept = constant ? mean * arAtOne : 0;
        int n = y.length;
        double[] ext = Arrays.copyOf(y, n + h);
        int rn = residuals.length;
        for (int s = 0; s < h; s++) {
            int t = n + s;
            double v = intercept;
            for (int i = 0; i < c.length; i++) {
                int idx = t - 1 - i;
                v += c[i] * (idx >= 0 ? ext[idx] : 0);
            }
            for (int j = 0; j < ma.length; j++) {
                int back = j - s; // residual e_{t-1-j}, known only for past times
                if (back >= 0 && rn - 1 - back >= 0) {
                    v += ma[j] * residuals[rn - 1 - back];
                }
            }
            ext[t] = v;
        }
        return Arrays.copyOfRange(ext, n, n + h);
    }

    /**
     * Forecasts from the Kalman filter's last state: the differences ahead are the state's first entry carried on by
     * the transition ({@code (T a)_i = a_i^AR · a_0 + a_{i+1}}), plus the mean, and the series is rebuilt from them
     * through the differencing ({@code y_t = w_t + Σ δ_i y_{t-i}}). Unlike the CSS recursion this needs no
     * residuals, so an MA root at the edge of invertibility does not leave a start-up error behind.
     */
    private double[] exactForecast(int h) {
        double[] state = exactState.clone();
        int r = state.length;
        double[] w = new double[h];
        for (int s = 0; s < h; s++) {
            w[s] = state[0] + mean;
            double a0 = state[0];
            for (int i = 0; i < r; i++) {
                state[i] = (i < ar.length ? ar[i] * a0 : 0) + (i + 1 < r ? state[i + 1] : 0);
            }
        }
        double[] poly = {1};
        for (int i = 0; i < d; i++) {
            poly = multiply(poly, lagPoly(1));
        }
        for (int i = 0; i < bigD; i++) {
            poly = multiply(poly, lagPoly(m));
        }
        int n = y.length;
        double[] ext = Arrays.copyOf(y, n + h);
        for (int s = 0; s < h; s++) {
            double v = w[s];
            for (int i = 1; i < poly.length; i++) {
                v -= poly[i] * ext[n + s - i];
            }
            ext[n + s] = v;
        }
        return Arrays.copyOfRange(ext, n, n + h);
    }

    /** Forecast variances σ² Σ_{j<h} ψ_j² from the ψ-weights of the integrated model. */
    public double[] variance(int h) {
        double[] c = integratedAr();
        double[] psi = new double[h];
        psi[0] = 1;
        for (int j = 1; j < h; j++) {
            double v = j - 1 < ma.length ? ma[j - 1] : 0;
            for (int i = 1; i <= Math.min(j, c.length); i++) {
                v += c[i - 1] * psi[j - i];
            }
            psi[j] = v;
        }
        double[] var = new double[h];
        double sum = 0;
        for (int j = 0; j < h; j++) {
            sum += psi[j] * psi[j];
            var[j] = sigma2 * sum;
        }
        return var;
    }

    @Override
    public String toString() {
        String s = "ARIMA(" + p + "," + d + "," + q + ")";
        if (bigP + bigD + bigQ > 0) {
            s += "(" + bigP + "," + bigD + "," + bigQ + ")[" + m + "]";
        }
        if (constant) {
            s += d + bigD == 0 ? " with mean" : " with drift";
        }
        return s;
    }
}

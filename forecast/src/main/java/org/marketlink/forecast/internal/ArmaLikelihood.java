package org.marketlink.forecast.internal;

import java.util.Arrays;

/**
 * The exact Gaussian likelihood of a stationary ARMA model, as R's {@code arima(method = "ML")} computes it: a Kalman
 * filter over Harvey's state-space form ({@code r = max(p, q + 1)} states; the transition matrix carries the AR
 * coefficients in its first column and an identity above the diagonal, the disturbance loads on
 * {@code (1, θ_1, …, θ_{r-1})}), started from the process's stationary covariance, with the innovations' variance
 * concentrated out. {@code -2 log L = n (log(2π s²) + 1) + Σ log F_t}, {@code s² = Σ v_t² / F_t / n}, with {@code v_t}
 * the one-step errors and {@code F_t σ²} their variances.
 *
 * <p>The stationary covariance {@code P = T P Tᵀ + R Rᵀ} comes from Smith's doubling ({@code P ← P + A P Aᵀ},
 * {@code A ← A²}), quadratic in convergence and exact for a stationary model. The filter's steps use the companion
 * structure of {@code T}, so a step costs {@code O(r²)}. Not thread-safe (reuses scratch arrays); one per fit.
 */
public final class ArmaLikelihood {
    private final int r;
    private final double[] phi;
    private final double[] loading;
    private final double[][] p;
    private final double[][] scratch;
    private final double[] a;
    private final double[] pz;

    /** A likelihood for ARMA models with at most {@code arOrder} AR and {@code maOrder} MA coefficients. */
    public ArmaLikelihood(int arOrder, int maOrder) {
        this.r = Math.max(arOrder, maOrder + 1);
        this.phi = new double[r];
        this.loading = new double[r];
        this.p = new double[r][r];
        this.scratch = new double[r][r];
        this.a = new double[r];
        this.pz = new double[r];
    }

    /**
     * The result of one evaluation.
     *
     * @param minusTwoLogLik {@code -2 log L} with σ² at its maximum
     * @param sigma2         that σ², {@code s²}
     */
    public record Value(double minusTwoLogLik, double sigma2) {
    }

    /**
     * Evaluates the model on {@code z} (the differenced series less its mean).
     *
     * @param ar AR coefficients {@code a_1..}: {@code z_t = Σ a_i z_{t-i} + e_t + Σ b_j e_{t-j}}
     * @param ma MA coefficients {@code b_1..}
     * @return the value, or null when the stationary covariance does not converge (a non-stationary AR)
     */
    public Value evaluate(double[] z, double[] ar, double[] ma) {
        Arrays.fill(phi, 0);
        Arrays.fill(loading, 0);
        System.arraycopy(ar, 0, phi, 0, ar.length);
        loading[0] = 1;
        System.arraycopy(ma, 0, loading, 1, ma.length);
        if (!stationaryCovariance()) {
            return null;
        }
        Arrays.fill(a, 0);
        double ssq = 0;
        double sumLog = 0;
        int n = 0;
        for (double zt : z) {
            double f = p[0][0];
            double v = zt - a[0];
            if (!(f > 0) || !Double.isFinite(v)) {
                return null;
            }
            ssq += v * v / f;
            sumLog += Math.log(f);
            n++;
            // update: a += P[:,0] v / F, P -= P[:,0] P[0,:] / F
            for (int i = 0; i < r; i++) {
                pz[i] = p[i][0];
            }
            for (int i = 0; i < r; i++) {
                a[i] += pz[i] * v / f;
                for (int j = 0; j < r; j++) {
                    p[i][j] -= pz[i] * pz[j] / f;
                }
            }
            predict();
        }
        double s2 = ssq / n;
        return new Value(n * (Math.log(2 * Math.PI * s2) + 1) + sumLog, s2);
    }

    /**
     * The filter's predicted state for the step after the last one {@link #evaluate} read: its first entry is the
     * one-step forecast of {@code z}, and {@code T}'s powers carry it further ahead.
     */
    public double[] state() {
        return a.clone();
    }

    /** a ← T a; P ← T P Tᵀ + R Rᵀ, with (T x)_i = φ_i x_0 + x_{i+1}. */
    private void predict() {
        double a0 = a[0];
        for (int i = 0; i < r; i++) {
            a[i] = phi[i] * a0 + (i + 1 < r ? a[i + 1] : 0);
        }
        // scratch = T P
        for (int j = 0; j < r; j++) {
            double p0j = p[0][j];
            for (int i = 0; i < r; i++) {
                scratch[i][j] = phi[i] * p0j + (i + 1 < r ? p[i + 1][j] : 0);
            }
        }
        // P = scratch Tᵀ + R Rᵀ: (M Tᵀ)_{ij} = (T Mᵀ)_{ji} = φ_j M_{i0} + M_{i,j+1}
        for (int i = 0; i < r; i++) {
            double mi0 = scratch[i][0];
            for (int j = 0; j < r; j++) {
                p[i][j] = phi[j] * mi0 + (j + 1 < r ? scratch[i][j + 1] : 0) + loading[i] * loading[j];
            }
        }
    }

    /** P = Σ_k T^k R Rᵀ T^kᵀ by doubling; false when it does not converge in 60 doublings. */
    private boolean stationaryCovariance() {
        double[][] t = new double[r][r];
        for (int i = 0; i < r; i++) {
            t[i][0] = phi[i];
            if (i + 1 < r) {
                t[i][i + 1] = 1;
            }
            for (int j = 0; j < r; j++) {
                p[i][j] = loading[i] * loading[j];
            }
        }
        double[][] tmp = new double[r][r];
        for (int iteration = 0; iteration < 60; iteration++) {
            // P += T P Tᵀ
            multiply(t, p, tmp);
            double change = 0;
            double size = 0;
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < r; j++) {
                    double s = 0;
                    for (int k = 0; k < r; k++) {
                        s += tmp[i][k] * t[j][k];
                    }
                    scratch[i][j] = s;
                    change = Math.max(change, Math.abs(s));
                }
            }
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < r; j++) {
                    p[i][j] += scratch[i][j];
                    size = Math.max(size, Math.abs(p[i][j]));
                }
            }
            if (!Double.isFinite(size)) {
                return false;
            }
            if (change <= 1e-14 * size) {
                return true;
            }
            multiply(t, t, tmp);
            for (int i = 0; i < r; i++) {
                System.arraycopy(tmp[i], 0, t[i], 0, r);
            }
        }
        return false;
    }

    private void multiply(double[][] x, double[][] y, double[][] out) {
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                double s = 0;
                for (int k = 0; k < r; k++) {
                    s += x[i][k] * y[k][j];
                }
                out[i][j] = s;
            }
        }
    }
}

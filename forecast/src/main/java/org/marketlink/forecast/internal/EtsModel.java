package org.marketlink.forecast.internal;

import java.util.Arrays;

/**
 * The ETS recursions on primitive arrays, written after the forecast package's {@code etscalc}: one-step
 * forecasts, errors, state updates and the likelihood it optimises, {@code n·log(SSE) + 2·Σ log|ŷ|} (the last
 * term for multiplicative errors only).
 *
 * <p>State layout: {@code [l, b?, s_0 .. s_{m-1}]} where {@code s_{m-1}} is the seasonal term of the next step and
 * {@code s_0} the latest. Not thread-safe (reuses scratch arrays).
 */
public final class EtsModel {
    static final double TOL = 1e-10;
    static final double HUGE = 1e10;

    private final EtsSpec spec;
    private final int m;
    private final double[] season;

    public EtsModel(EtsSpec spec, int m) {
        this.spec = spec;
        this.m = spec.seasonal() ? m : 1;
        this.season = new double[this.m];
    }

    public int period() {
        return m;
    }

    /**
     * Runs the recursions over {@code y} from {@code initial} states; fills {@code errors} (may be null) and returns
     * the likelihood criterion, or NaN when a forecast breaks down. {@code finalState} (may be null) receives the
     * states after the last observation.
     */
    public double likelihood(double[] y, double[] initial, double alpha, double beta, double gamma, double phi,
                             double[] errors, double[] finalState) {
        return likelihood(y, initial, alpha, beta, gamma, phi, errors, finalState, null);
    }

    /** The same, also writing each step's one-step forecast into {@code fitted} (may be null). */
    public double likelihood(double[] y, double[] initial, double alpha, double beta, double gamma, double phi,
                             double[] errors, double[] finalState, double[] fitted) {
        int trendAt = spec.trend() ? 1 : 0;
        double l = initial[0];
        double b = spec.trend() ? initial[1] : 0;
        boolean seasonal = spec.seasonal();
        boolean multiplicativeSeason = spec.season() == 'M';
        // seasonal states in a ring: s_j = season[(head + j) % m]; s_0 is the latest, s_{m-1} the one due next
        int head = 0;
        if (seasonal) {
            System.arraycopy(initial, 1 + trendAt, season, 0, m);
        }
        double sse = 0;
        double logF = 0;
        double effPhi = spec.damped() ? phi : 1;
        boolean trend = spec.trend();
        boolean multTrend = spec.multiplicativeTrend();
        boolean multError = spec.multiplicativeError();
        for (int t = 0; t < y.length; t++) {
            double oldL = l;
            if (multTrend && b < 0) {
                return Double.NaN; // a negative growth rate has no power: R's etscalc stops there too
            }
            double phib = !trend ? 0 : multTrend ? Math.pow(b, effPhi) : effPhi * b;
            double q = multTrend ? oldL * phib : oldL + phib;
            int due = seasonal ? (head + m - 1) % m : 0;
            double sLast = seasonal ? season[due] : 0;
            double f = !seasonal ? q : multiplicativeSeason ? q * sLast : q + sLast;
            if (!Double.isFinite(f)) {
                return Double.NaN;
            }
            double e;
            if (multError) {
                double f0 = Math.abs(f) < TOL ? f + TOL : f;
                e = (y[t] - f) / f0;
            } else {
                e = y[t] - f;
            }
            if (errors != null) {
                errors[t] = e;
            }
            if (fitted != null) {
                fitted[t] = f;
            }
            double p = !seasonal ? y[t] : multiplicativeSeason
                    ? (Math.abs(sLast) < TOL ? HUGE : y[t] / sLast) : y[t] - sLast;
            l = q + alpha * (p - q);
            if (trend) {
                double r = !multTrend ? l - oldL : Math.abs(oldL) < TOL ? HUGE : l / oldL;
                b = phib + (beta / alpha) * (r - phib);
            }
            if (seasonal) {
                double tt = multiplicativeSeason ? (Math.abs(q) < TOL ? HUGE : y[t] / q) : y[t] - q;
                // the state due now becomes the newest: moving the head back by one shifts every other state
                season[due] = sLast + gamma * (tt - sLast);
                head = due;
            }
            sse += e * e;
            if (multError) {
                logF += Math.log(Math.abs(f));
            }
        }
        if (finalState != null) {
            finalState[0] = l;
            if (trend) {
                finalState[1] = b;
            }
            if (seasonal) {
                for (int j = 0; j < m; j++) {
                    finalState[1 + trendAt + j] = season[(head + j) % m];
                }
            }
        }
        double lik = y.length * Math.log(sse);
        if (multError) {
            lik += 2 * logF;
        }
        return lik;
    }

    /** Point forecasts for {@code h} steps from a state after the last observation. */
    public double[] forecast(double[] state, double phi, int h) {
        int trendAt = spec.trend() ? 1 : 0;
        double l = state[0];
        double b = spec.trend() ? state[1] : 0;
        double[] f = new double[h];
        double phiStar = spec.damped() ? phi : 1;
        for (int i = 0; i < h; i++) {
            if (!spec.trend()) {
                f[i] = l;
            } else if (spec.multiplicativeTrend()) {
                f[i] = b < 0 ? Double.NaN : l * Math.pow(b, phiStar);
            } else {
                f[i] = l + phiStar * b;
            }
            if (spec.seasonal()) {
                int j = m - 1 - i;
                while (j < 0) {
                    j += m;
                }
                double s = state[1 + trendAt + j];
                f[i] = spec.season() == 'A' ? f[i] + s : f[i] * s;
            }
            if (i < h - 1) {
                phiStar += spec.damped() ? Math.pow(phi, i + 2) : 1;
            }
        }
        return f;
    }

    /**
     * One step of the model with a given error, for simulation: returns the observation and advances
     * {@code state} in place.
     */
    public double simulateStep(double[] state, double alpha, double beta, double gamma, double phi, double error) {
        int trendAt = spec.trend() ? 1 : 0;
        double effPhi = spec.damped() ? phi : 1;
        double oldL = state[0];
        double oldB = spec.trend() ? state[1] : 0;
        boolean multTrend = spec.multiplicativeTrend();
        double phib = !spec.trend() ? 0 : multTrend ? Math.pow(Math.max(oldB, 0), effPhi) : effPhi * oldB;
        double q = multTrend ? oldL * phib : oldL + phib;
        double sLast = spec.seasonal() ? state[1 + trendAt + m - 1] : 0;
        double f = switch (spec.season()) {
            case 'A' -> q + sLast;
            case 'M' -> q * sLast;
            default -> q;
        };
        double y = spec.multiplicativeError() ? f * (1 + error) : f + error;
        double p = switch (spec.season()) {
            case 'A' -> y - sLast;
            case 'M' -> Math.abs(sLast) < TOL ? HUGE : y / sLast;
            default -> y;
        };
        double l = q + alpha * (p - q);
        state[0] = l;
        if (spec.trend()) {
            double r = !multTrend ? l - oldL : Math.abs(oldL) < TOL ? HUGE : l / oldL;
            state[1] = phib + (beta / alpha) * (r - phib);
        }
        if (spec.seasonal()) {
            double tt = spec.season() == 'A' ? y - q : (Math.abs(q) < TOL ? HUGE : y / q);
            double newS = sLast + gamma * (tt - sLast);
            System.arraycopy(state, 1 + trendAt, state, 2 + trendAt, m - 1);
            state[1 + trendAt] = newS;
        }
        return y;
    }

    @Override
    public String toString() {
        return spec.label() + " m=" + m + " " + Arrays.toString(season);
    }
}

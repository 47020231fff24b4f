package org.marketlink.forecast.internal;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.marketlink.forecast.ModelSummary;

import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Maximum-likelihood fit of one ETS model, following R's {@code ets()}: the same starting states (from a
 * classical decomposition and a regression on the first values), the same starting parameters, the same
 * parameter region ("both": the usual bounds and the admissible region), and Nelder–Mead on the same criterion.
 *
 * <p>For seasonal periods above 24, where R refuses seasonal models, the initial seasonal states are taken from
 * the decomposition and not optimised, which keeps the search small.
 */
public final class EtsFit {
    private static final double[] LOWER = {1e-4, 1e-4, 1e-4, 0.8};
    private static final double[] UPPER = {0.9999, 0.9999, 0.9999, 0.98};
    private static final int MAX_OPTIMISED_SEASON = 24;

    private final EtsSpec spec;
    private final int m;
    private final double alpha;
    private final double beta;
    private final double gamma;
    private final double phi;
    private final double[] initialState;
    private final double[] finalState;
    private final double lik;
    private final int parameters;
    private final double sigma2;
    private final int n;

    private EtsFit(EtsSpec spec, int m, double alpha, double beta, double gamma, double phi, double[] initialState,
                   double[] finalState, double lik, int parameters, double sigma2, int n) {
        this.spec = spec;
        this.m = m;
        this.alpha = alpha;
        this.beta = beta;
        this.gamma = gamma;
        this.phi = phi;
        this.initialState = initialState;
        this.finalState = finalState;
        this.lik = lik;
        this.parameters = parameters;
        this.sigma2 = sigma2;
        this.n = n;
    }

    /** Fits {@code spec} to {@code y} at period {@code m}; null when the model cannot be fitted to this series. */
    public static EtsFit fit(EtsSpec spec, double[] y, int m) {
        int period = spec.seasonal() ? m : 1;
        if (spec.seasonal() && (m < 2 || y.length < 4 || y.length < m + 1)) {
            return null;
        }
        if ((spec.multiplicativeError() || spec.season() == 'M' || spec.multiplicativeTrend()) && !allPositive(y)) {
            return null;
        }
        double[] states = initialStates(spec, y, period);
        if (states == null) {
            return null;
        }
        boolean optimiseSeason = spec.seasonal() && period <= MAX_OPTIMISED_SEASON;
        int trendAt = spec.trend() ? 1 : 0;
        // parameter vector: alpha, beta?, gamma?, phi?, l, b?, s_0..s_{m-2} (optimised seasons only)
        double a0 = LOWER[0] + 0.2 * (UPPER[0] - LOWER[0]) / period;
        if (a0 > 1 || a0 < 0) {
            a0 = LOWER[0] + 2e-3;
        }
        double b0 = Double.NaN;
        double g0 = Double.NaN;
        double p0 = Double.NaN;
        if (spec.trend()) {
            // R's initparam: beta starts a tenth of the way up to min(upper, alpha)
            double upperB = Math.min(UPPER[1], a0);
            b0 = LOWER[1] + 0.1 * (upperB - LOWER[1]);
            if (b0 < 0 || b0 > a0) {
                b0 = a0 - 1e-3;
            }
        }
        if (spec.seasonal()) {
            double upperG = Math.min(UPPER[2], 1 - a0);
            g0 = LOWER[2] + 0.05 * (upperG - LOWER[2]);
            if (g0 < 0 || g0 > 1 - a0) {
                g0 = 1 - a0 - 1e-3;
            }
        }
        if (spec.damped()) {
            p0 = LOWER[3] + 0.99 * (UPPER[3] - LOWER[3]);
            if (p0 < 0 || p0 > 1) {
                p0 = UPPER[3] - 1e-3;
            }
        }
        int nPar = 1 + (spec.trend() ? 1 : 0) + (spec.seasonal() ? 1 : 0) + (spec.damped() ? 1 : 0);
        int nState = 1 + trendAt + (optimiseSeason ? period - 1 : 0);
        double[] start = new double[nPar + nState];
        int k = 0;
        start[k++] = a0;
        if (spec.trend()) {
            start[k++] = b0;
        }
        if (spec.seasonal()) {
            start[k++] = g0;
        }
        if (spec.damped()) {
            start[k++] = p0;
        }
        System.arraycopy(states, 0, start, k, nState);
        final double[] fixedSeason = spec.seasonal() && !optimiseSeason
                ? Arrays.copyOfRange(states, 1 + trendAt, 1 + trendAt + period) : null;
        EtsModel model = new EtsModel(spec, period);
        double[] full = new double[1 + trendAt + (spec.seasonal() ? period : 0)];
        NelderMead.Objective objective = x -> {
            double a = x[0];
            int i = 1;
            double b = spec.trend() ? x[i++] : 0;
            double g = spec.seasonal() ? x[i++] : 0;
            double p = spec.damped() ? x[i++] : 1;
            if (!admissible(spec, a, b, g, p, period)) {
                return Double.POSITIVE_INFINITY;
            }
            if (!expand(spec, x, nPar, period, optimiseSeason, fixedSeason, full)) {
                return Double.POSITIVE_INFINITY;
            }
            double v = model.likelihood(y, full, a, b, g, p, null, null);
            if (Double.isNaN(v)) {
                return Double.POSITIVE_INFINITY;
            }
            return v < -1e10 ? -1e10 : v;
        };
        if (!Double.isFinite(objective.value(start))) {
            return null;
        }
        NelderMead.Result r = NelderMead.minimize(objective, start, 2000);
        double[] x = r.x();
        int i = 1;
        double a = x[0];
        double b = spec.trend() ? x[i++] : 0;
        double g = spec.seasonal() ? x[i++] : 0;
        double p = spec.damped() ? x[i++] : 1;
        double[] init = new double[full.length];
        if (!expand(spec, x, nPar, period, optimiseSeason, fixedSeason, init)) {
            return null;
        }
        double[] errors = new double[y.length];
        double[] end = new double[full.length];
        double lik = model.likelihood(y, init, a, b, g, p, errors, end);
        if (!Double.isFinite(lik)) {
            return null;
        }
        // R divides by n minus the number of optimised parameters and states (without the variance)
        int np = x.length;
        double sse = 0;
        for (double e : errors) {
            sse += e * e;
        }
        double sigma2 = y.length > np ? sse / (y.length - np) : sse / y.length;
        return new EtsFit(spec, period, a, b, g, p, init, end, lik, x.length, sigma2, y.length);
    }

    /** Adds the last seasonal state (so seasonal states sum to 0 or m) and checks multiplicative states. */
    private static boolean expand(EtsSpec spec, double[] x, int nPar, int m, boolean optimiseSeason,
                                  double[] fixedSeason, double[] out) {
        int trendAt = spec.trend() ? 1 : 0;
        out[0] = x[nPar];
        if (spec.trend()) {
            out[1] = x[nPar + 1];
        }
        if (!spec.seasonal()) {
            return true;
        }
        if (!optimiseSeason) {
            System.arraycopy(fixedSeason, 0, out, 1 + trendAt, m);
            return true;
        }
        double sum = 0;
        for (int j = 0; j < m - 1; j++) {
            out[1 + trendAt + j] = x[nPar + 1 + trendAt + j];
            sum += out[1 + trendAt + j];
        }
        out[1 + trendAt + m - 1] = spec.season() == 'M' ? m - sum : -sum;
        if (spec.season() == 'M') {
            for (int j = 0; j < m; j++) {
                if (out[1 + trendAt + j] < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** R's "both" region: the usual bounds and the admissible (forecastable) region. */
    static boolean admissible(EtsSpec spec, double alpha, double beta, double gamma, double phi, int m) {
        if (alpha < LOWER[0] || alpha > UPPER[0]) {
            return false;
        }
        if (spec.trend() && (beta < LOWER[1] || beta > UPPER[1] || beta > alpha)) {
            return false;
        }
        if (spec.damped() && (phi < LOWER[3] || phi > UPPER[3])) {
            return false;
        }
        if (spec.seasonal() && (gamma < LOWER[2] || gamma > UPPER[2] || gamma > 1 - alpha)) {
            return false;
        }
        double ph = spec.damped() ? phi : 1;
        double be = spec.trend() ? beta : 0;
        if (ph < 0 || ph > 1 + 1e-8) {
            return false;
        }
        if (!spec.seasonal()) {
            if (alpha < 1 - 1 / ph || alpha > 1 + 1 / ph) {
                return false;
            }
            return !spec.trend() || !(beta < alpha * (ph - 1) || beta > (1 + ph) * (2 - alpha));
        }
        if (m > 1) {
            if (gamma < Math.max(1 - 1 / ph - alpha, 0) || gamma > 1 + 1 / ph - alpha) {
                return false;
            }
            if (alpha < 1 - 1 / ph - gamma * (1 - m + ph + ph * m) / (2 * ph * m)) {
                return false;
            }
            if (be < -(1 - ph) * (gamma / m + alpha)) {
                return false;
            }
            // characteristic equation: all roots within the unit circle
            if (!SchurCohn.rootsWithin(characteristicPolynomial(alpha, be, gamma, ph, m), 1 + 1e-10)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Coefficients (constant first) of the characteristic polynomial of a seasonal additive ETS model with period
     * {@code m}, as R's {@code forecast:::admissible} builds it: the model is admissible when every root lies within
     * the unit circle.
     */
    static double[] characteristicPolynomial(double alpha, double beta, double gamma, double phi, int m) {
        double[] poly = new double[m + 2];
        poly[0] = phi * (1 - alpha - gamma);
        poly[1] = alpha + beta - alpha * phi + gamma - 1;
        for (int j = 2; j < m; j++) {
            poly[j] = alpha + beta - alpha * phi;
        }
        poly[m] = alpha + beta - phi;
        poly[m + 1] = 1;
        return poly;
    }

    /**
     * The largest modulus among the roots of the monic polynomial {@code poly} (ascending coefficients, last one
     * 1), as the eigenvalues of its companion matrix; infinity when they cannot be computed.
     */
    static double maxRootModulus(double[] poly) {
        int k = poly.length - 1;
        double[][] c = new double[k][k];
        for (int i = 1; i < k; i++) {
            c[i][i - 1] = 1;
        }
        for (int i = 0; i < k; i++) {
            c[i][k - 1] = -poly[i];
        }
        try {
            EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(c, false));
            double[] re = eig.getRealEigenvalues();
            double[] im = eig.getImagEigenvalues();
            double max = 0;
            for (int i = 0; i < re.length; i++) {
                max = Math.max(max, Math.hypot(re[i], im[i]));
            }
            return max;
        } catch (RuntimeException e) {
            return Double.POSITIVE_INFINITY;
        }
    }

    /** R's {@code initstate}: seasonal states from a decomposition, level and trend from a short regression. */
    static double[] initialStates(EtsSpec spec, double[] y, int m) {
        int n = y.length;
        double[] ySa = y;
        double[] initSeason = null;
        if (spec.seasonal()) {
            double[] seasonal = new double[n];
            if (n < 3 * m) {
                double[] coef = Regression.fourierTrend(y, m);
                if (coef == null) {
                    return null;
                }
                for (int t = 0; t < n; t++) {
                    double trend = coef[0] + coef[1] * (t + 1);
                    seasonal[t] = spec.season() == 'A' ? y[t] - trend : y[t] / trend;
                }
            } else {
                double[] figure = spec.season() == 'A' ? Decompose.additiveFigure(y, m)
                        : SeasonalAdjustment.multiplicativeIndices(y, m);
                if (figure == null) {
                    return null;
                }
                for (int t = 0; t < n; t++) {
                    seasonal[t] = figure[t % m];
                }
            }
            initSeason = new double[m - 1];
            for (int j = 0; j < m - 1; j++) {
                initSeason[j] = seasonal[m - 1 - j];
            }
            ySa = new double[n];
            if (spec.season() == 'A') {
                for (int t = 0; t < n; t++) {
                    ySa[t] = y[t] - seasonal[t];
                }
            } else {
                double sum = 0;
                for (int j = 0; j < m - 1; j++) {
                    initSeason[j] = Math.max(initSeason[j], 1e-2);
                    sum += initSeason[j];
                }
                if (sum > m) {
                    double s2 = 0;
                    for (double v : initSeason) {
                        s2 += v + 1e-2;
                    }
                    for (int j = 0; j < m - 1; j++) {
                        initSeason[j] /= s2;
                    }
                }
                for (int t = 0; t < n; t++) {
                    ySa[t] = y[t] / Math.max(seasonal[t], 1e-2);
                }
            }
        }
        int maxn = Math.min(Math.max(10, 2 * (spec.seasonal() ? m : 1)), n);
        double l0;
        double b0 = 0;
        if (!spec.trend()) {
            double s = 0;
            for (int t = 0; t < maxn; t++) {
                s += ySa[t];
            }
            l0 = s / maxn;
        } else {
            double[] fit = Regression.line(ySa, maxn);
            if (!spec.multiplicativeTrend()) {
                l0 = fit[0];
                b0 = fit[1];
                if (Math.abs(l0 + b0) < 1e-8) {
                    l0 *= 1 + 1e-3;
                    b0 *= 1 + 1e-3;
                }
            } else {
                // R's initstate: the ratio of the first two fitted values, the level the first one divided by it
                l0 = fit[0] + fit[1];
                if (Math.abs(l0) < 1e-8) {
                    l0 = 1e-7;
                }
                b0 = (fit[0] + 2 * fit[1]) / l0;
                l0 /= b0;
                if (Math.abs(b0) > 1e10) {
                    b0 = Math.signum(b0) * 1e10;
                }
                if (l0 < 1e-8 || b0 < 1e-8) {
                    l0 = Math.max(ySa[0], 1e-3);
                    b0 = Math.max(ySa[1] / ySa[0], 1e-3);
                }
            }
        }
        int trendAt = spec.trend() ? 1 : 0;
        double[] out = new double[1 + trendAt + (spec.seasonal() ? m : 0)];
        out[0] = l0;
        if (spec.trend()) {
            out[1] = b0;
        }
        if (spec.seasonal()) {
            double sum = 0;
            for (int j = 0; j < m - 1; j++) {
                out[1 + trendAt + j] = initSeason[j];
                sum += initSeason[j];
            }
            out[1 + trendAt + m - 1] = spec.season() == 'M' ? m - sum : -sum;
        }
        return out;
    }

    private static boolean allPositive(double[] y) {
        for (double v : y) {
            if (!(v > 0)) {
                return false;
            }
        }
        return true;
    }

    public EtsSpec spec() {
        return spec;
    }

    public int period() {
        return m;
    }

    public double alpha() {
        return alpha;
    }

    public double beta() {
        return beta;
    }

    public double gamma() {
        return gamma;
    }

    public double phi() {
        return phi;
    }

    public double[] initialState() {
        return initialState.clone();
    }

    public double[] finalState() {
        return finalState.clone();
    }

    /** R's log-likelihood, −½·(n·log SSE + 2·Σ log|ŷ|). */
    public double logLik() {
        return -0.5 * lik;
    }

    /** Free parameters plus one for the error variance, as R counts them. */
    public int parameterCount() {
        return parameters + 1;
    }

    public double aic() {
        return lik + 2 * parameterCount();
    }

    public double aicc() {
        int np = parameterCount();
        return n - np - 1 > 0 ? aic() + 2.0 * np * (np + 1) / (n - np - 1) : Double.POSITIVE_INFINITY;
    }

    public double bic() {
        return lik + Math.log(n) * parameterCount();
    }

    public double sigma2() {
        return sigma2;
    }

    /**
     * The fit's in-sample summary on {@code y}, the series it was fitted to: one-step fitted values, response
     * residuals, innovations (relative for a multiplicative error) and R's information criteria.
     */
    public ModelSummary summary(double[] y) {
        double[] fitted = new double[y.length];
        double[] innovations = new double[y.length];
        new EtsModel(spec, m).likelihood(y, initialState, alpha, beta, gamma, phi, innovations, null, fitted);
        double[] residuals = new double[y.length];
        for (int t = 0; t < y.length; t++) {
            residuals[t] = y[t] - fitted[t];
        }
        return new ModelSummary(toString(), fitted, residuals, innovations, parameters, sigma2,
                OptionalDouble.of(logLik()), OptionalDouble.of(aic()), OptionalDouble.of(aicc()),
                OptionalDouble.of(bic()));
    }

    public double[] forecast(int h) {
        return new EtsModel(spec, m).forecast(finalState, phi, h);
    }

    /**
     * Forecast variance per step for the all-additive models (Hyndman et al. 2008, class 1):
     * σ²(1 + Σ_{j<h} c_j²), c_j = α + β·φ_j + γ·[j mod m = 0], φ_j = φ + … + φ^j.
     */
    public double[] analyticVariance(int h) {
        double[] v = new double[h];
        double sum = 0;
        for (int step = 1; step <= h; step++) {
            v[step - 1] = sigma2 * (1 + sum);
            int j = step;
            double phiJ = 0;
            double pw = 1;
            for (int k = 1; k <= j; k++) {
                pw *= spec.damped() ? phi : 1;
                phiJ += pw;
            }
            double c = alpha + (spec.trend() ? beta * phiJ : 0) + (spec.seasonal() && j % m == 0 ? gamma : 0);
            sum += c * c;
        }
        return v;
    }

    /** Simulated sample paths of {@code h} steps with normal errors of the fitted variance (seeded). */
    public double[][] simulate(int h, int paths, long seed) {
        return simulate(h, paths, seed, null);
    }

    /**
     * Simulated sample paths of {@code h} steps (seeded), with errors drawn from {@code pool} with replacement (a
     * bootstrap of the model's centred innovations, as R's {@code simulate.ets(bootstrap = TRUE)}), or normal errors
     * of the fitted variance when {@code pool} is null. As in R, a multiplicative error is kept at -1 or above, so a
     * path of a positive series stays positive.
     */
    public double[][] simulate(int h, int paths, long seed, double[] pool) {
        EtsModel model = new EtsModel(spec, m);
        SplittableRandom random = new SplittableRandom(seed);
        double sd = Math.sqrt(sigma2);
        double[][] out = new double[paths][h];
        double[] state = new double[finalState.length];
        for (int p = 0; p < paths; p++) {
            System.arraycopy(finalState, 0, state, 0, state.length);
            for (int s = 0; s < h; s++) {
                double e = pool == null ? sd * Gaussian.next(random) : pool[random.nextInt(pool.length)];
                if (spec.multiplicativeError()) {
                    e = Math.max(-1, e);
                }
                out[p][s] = model.simulateStep(state, alpha, beta, gamma, phi, e);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(spec.label()).append(String.format(Locale.ROOT, "(alpha=%.4f",
                alpha));
        if (spec.trend()) {
            b.append(String.format(Locale.ROOT, ", beta=%.4f", beta));
        }
        if (spec.seasonal()) {
            b.append(String.format(Locale.ROOT, ", gamma=%.4f", gamma));
        }
        if (spec.damped()) {
            b.append(String.format(Locale.ROOT, ", phi=%.4f", phi));
        }
        return b.append(")").toString();
    }
}

package org.marketlink.forecast.drivers;

import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.models.Arima;
import org.marketlink.forecast.models.Ets;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Regression on future-known drivers with time-series errors: {@code y[t] = a + b · x[t] + e[t]}, where the drivers
 * {@code x} (price, promotion flags, holidays) are known ahead and the errors {@code e} follow an ARIMA (or ETS, or
 * any) model, so what the drivers do not explain is still forecast as a series. The coefficients say what a driver
 * does: on log demand and log price the price coefficient is the price elasticity.
 *
 * <p>Estimated in two steps: the coefficients by feasible generalised least squares for errors correlated from one
 * step to the next (Prais-Winsten, iterated three times, each a QR least-squares solve of commons-math3's), then the
 * error model on the residuals. This approximates the joint likelihood R's {@code Arima(xreg = )} maximises; the
 * coefficients are consistent when the errors are stationary (difference a trending series and its drivers first),
 * and the intervals are the error model's, without the coefficients' own uncertainty.
 *
 * <p>Immutable and thread-safe.
 */
public final class DynamicRegression {
    private static final int GLS_ROUNDS = 3;
    private final Forecaster errors;

    private DynamicRegression(Forecaster errors) {
        this.errors = errors;
    }

    /** Errors by AutoARIMA: regression with ARIMA errors. */
    public static DynamicRegression withArimaErrors() {
        return new DynamicRegression(Arima.auto());
    }

    /** Errors by AutoETS: ETS on the regression's residuals. */
    public static DynamicRegression withEtsErrors() {
        return new DynamicRegression(Ets.auto());
    }

    /** Errors by {@code errors}, fitted on the regression's residuals with the series' seasonal period. */
    public static DynamicRegression withErrors(Forecaster errors) {
        if (errors == null) {
            throw new IllegalArgumentException("errors must not be null");
        }
        return new DynamicRegression(errors);
    }

    /**
     * Fits {@code series} on {@code drivers} (over the same steps) and the error model on what is left.
     *
     * @param series         observations, oldest first, none missing
     * @param drivers        the drivers over the same steps
     * @param seasonalPeriod observations per seasonal cycle, for the error model (1 for none)
     * @throws IllegalArgumentException when the lengths differ, a value is missing, there are too few observations
     *                                  for the drivers, or a driver is constant or a combination of others
     */
    public FittedRegression fit(double[] series, Drivers drivers, int seasonalPeriod) {
        int n = series.length;
        int k = drivers.names().size();
        if (drivers.length() != n) {
            throw new IllegalArgumentException("drivers cover " + drivers.length() + " steps, the series " + n);
        }
        for (int t = 0; t < n; t++) {
            if (!Double.isFinite(series[t])) {
                throw new IllegalArgumentException("series[" + t + "] must be a finite number, was " + series[t]
                        + ": a regression needs every step");
            }
        }
        if (n < k + 3) {
            throw new IllegalArgumentException(n + " observations cannot fit " + k + " driver(s) and an intercept: "
                    + "at least " + (k + 3) + " are needed");
        }
        for (int j = 0; j < k; j++) {
            if (constant(drivers, j)) {
                throw new IllegalArgumentException("driver '" + drivers.names().get(j) + "' is constant: the "
                        + "intercept already holds it");
            }
        }
        double[][] x = new double[n][k];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < k; j++) {
                x[t][j] = drivers.value(j, t);
            }
        }
        double[] beta;
        double[] standardErrors;
        try {
            beta = ols(series, x, 0).estimateRegressionParameters();
            standardErrors = new double[k + 1];
            // feasible GLS for errors correlated from one step to the next (Prais-Winsten, iterated): least squares
            // on autocorrelated errors is unbiased but wastes data and understates its standard errors
            for (int round = 0; round < GLS_ROUNDS; round++) {
                double rho = lagOneCorrelation(residuals(series, x, beta));
                OLSMultipleLinearRegression gls = ols(series, x, rho);
                beta = gls.estimateRegressionParameters();
                standardErrors = gls.estimateRegressionParametersStandardErrors();
            }
        } catch (SingularMatrixException e) {
            throw new IllegalArgumentException("the drivers " + drivers.names() + " are collinear: one is a "
                    + "combination of the others", e);
        }
        double[] residuals = residuals(series, x, beta);
        double rSquared = explained(series, residuals);
        FittedModel errorFit = errors.fit(residuals, seasonalPeriod);
        Map<String, Double> coefficients = new LinkedHashMap<>();
        Map<String, Double> errorsOf = new LinkedHashMap<>();
        for (int j = 0; j < k; j++) {
            coefficients.put(drivers.names().get(j), beta[j + 1]);
            errorsOf.put(drivers.names().get(j), standardErrors[j + 1]);
        }
        return new FittedRegression(drivers.names(), beta[0], coefficients, errorsOf, rSquared, errors.name(),
                errorFit);
    }

    /**
     * Least squares of {@code y} on {@code x} with an intercept column, after the Prais-Winsten transform for
     * errors with lag-one correlation {@code rho} (none when 0): row t becomes row t minus rho times row t - 1, the
     * first row scaled by the square root of 1 - rho squared, the intercept column included, so the fitted intercept
     * is the series' own.
     */
    private static OLSMultipleLinearRegression ols(double[] y, double[][] x, double rho) {
        int n = y.length;
        int k = x[0].length;
        double[] ty = new double[n];
        double[][] tx = new double[n][k + 1];
        double first = Math.sqrt(1 - rho * rho);
        for (int t = 0; t < n; t++) {
            double scale = t == 0 ? first : 1;
            double back = t == 0 ? 0 : rho;
            ty[t] = scale * y[t] - (t == 0 ? 0 : back * y[t - 1]);
            tx[t][0] = t == 0 ? first : 1 - rho;
            for (int j = 0; j < k; j++) {
                tx[t][j + 1] = scale * x[t][j] - (t == 0 ? 0 : back * x[t - 1][j]);
            }
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.setNoIntercept(true);
        ols.newSampleData(ty, tx);
        return ols;
    }

    /** One minus the residuals' sum of squares over the series' own around its mean. */
    private static double explained(double[] y, double[] residuals) {
        double mean = Arrays.stream(y).average().orElse(0);
        double total = 0;
        double left = 0;
        for (int t = 0; t < y.length; t++) {
            total += (y[t] - mean) * (y[t] - mean);
            left += residuals[t] * residuals[t];
        }
        return total == 0 ? 0 : Math.max(0, 1 - left / total);
    }

    private static double[] residuals(double[] y, double[][] x, double[] beta) {
        double[] e = new double[y.length];
        for (int t = 0; t < y.length; t++) {
            double fit = beta[0];
            for (int j = 0; j < x[t].length; j++) {
                fit += beta[j + 1] * x[t][j];
            }
            e[t] = y[t] - fit;
        }
        return e;
    }

    /** The lag-one autocorrelation of {@code e}, kept inside (-0.99, 0.99) so the transform stays defined. */
    private static double lagOneCorrelation(double[] e) {
        double num = 0;
        double den = 0;
        for (int t = 0; t < e.length; t++) {
            den += e[t] * e[t];
            if (t > 0) {
                num += e[t] * e[t - 1];
            }
        }
        return den == 0 ? 0 : Math.max(-0.99, Math.min(0.99, num / den));
    }

    private static boolean constant(Drivers d, int j) {
        double first = d.value(j, 0);
        for (int t = 1; t < d.length(); t++) {
            if (d.value(j, t) != first) {
                return false;
            }
        }
        return true;
    }
}

package org.marketlink.forecast.evaluation;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * The Ljung–Box portmanteau test of whether a series (a model's residuals) is autocorrelated, as R's
 * {@code Box.test(x, lag, type = "Ljung-Box", fitdf)}: {@code Q = n(n + 2) Σ_{k=1..lag} r_k² / (n - k)} with
 * {@code r_k} the sample autocorrelations, referred to a χ² distribution with {@code lag - fitdf} degrees of freedom.
 * Missing values (NaN) are skipped pairwise, as R's {@code acf(na.action = na.pass)} does.
 *
 * <p>Stateless and thread-safe.
 */
public final class LjungBox {
    private LjungBox() {
    }

    /**
     * The test's outcome.
     *
     * @param statistic        Q
     * @param lags             the autocorrelations summed
     * @param degreesOfFreedom {@code lags - fitDf}
     * @param pValue           the probability of a Q this large or larger were the series white noise
     */
    public record Result(double statistic, int lags, int degreesOfFreedom, double pValue) {
    }

    /**
     * Tests {@code x} at {@code lags} lags, discounting {@code fitDf} fitted parameters.
     *
     * @throws IllegalArgumentException if {@code lags} is not in {@code 1 .. n - 1} for the {@code n} values present,
     *                                  or leaves no degree of freedom after {@code fitDf}
     */
    public static Result test(double[] x, int lags, int fitDf) {
        if (x == null) {
            throw new IllegalArgumentException("x must not be null");
        }
        int n = 0;
        double sum = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                n++;
                sum += v;
            }
        }
        if (lags < 1 || lags >= n) {
            throw new IllegalArgumentException("lags must be in 1 .. " + (n - 1) + " for " + n
                    + " values present, was " + lags);
        }
        if (lags - fitDf < 1) {
            throw new IllegalArgumentException("lags (" + lags + ") must exceed fitDf (" + fitDf + ")");
        }
        double mean = sum / n;
        double variance = autocovariance(x, mean, 0);
        double q = 0;
        for (int k = 1; k <= lags; k++) {
            double r = autocovariance(x, mean, k) / variance;
            q += r * r / (n - k);
        }
        q *= (double) n * (n + 2);
        int df = lags - fitDf;
        double p = 1 - new ChiSquaredDistribution(null, df).cumulativeProbability(q);
        return new Result(q, lags, df, p);
    }

    /** R's acf with na.pass: the sum over pairs both present, divided by their number plus the lag. */
    private static double autocovariance(double[] x, double mean, int lag) {
        double s = 0;
        int pairs = 0;
        for (int i = 0; i + lag < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(x[i + lag])) {
                s += (x[i] - mean) * (x[i + lag] - mean);
                pairs++;
            }
        }
        return pairs == 0 ? Double.NaN : s / (pairs + lag);
    }
}

package org.marketlink.forecast;

import org.marketlink.core.timeseries.TimeSeries;
import org.marketlink.forecast.evaluation.LjungBox;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * What a fitted model says about the past, beside its forecasts: the in-sample one-step fitted values, the residuals,
 * the model's own innovations and, for a model with a likelihood, its information criteria. The arrays are aligned
 * with the series given to {@link Forecaster#fit}: entry {@code t} belongs to observation {@code t}, and a step the
 * model has no one-step forecast for (the first observations of a differenced ARIMA) is NaN in all three.
 *
 * <p>Immutable: the accessors return copies.
 *
 * @param model         the fitted model, as {@link Forecast#model()} names it
 * @param fitted        the one-step-ahead forecast of each observation, made from the observations before it
 * @param residuals     observation minus fitted value, on the series' scale (what reconciliation and most checks
 *                      want); where the series had a missing value it is NaN
 * @param innovations   the model's own errors: equal to {@code residuals} for additive models, relative errors
 *                      {@code (y - ŷ) / ŷ} for ETS with multiplicative error (R's {@code residuals()} of an
 *                      {@code ets} fit, and what the Ljung–Box check is run on)
 * @param fitDf         the degrees of freedom a residual test discounts, as R's {@code modeldf}: the smoothing
 *                      parameters and initial states of an ETS model, {@code p + q + P + Q} of an ARIMA model
 * @param sigma2        the innovations' variance as the model estimates it
 * @param logLikelihood the log-likelihood, where the model has one
 * @param aic           Akaike's information criterion, where the model has a likelihood
 * @param aicc          the small-sample corrected AIC, where the model has a likelihood
 * @param bic           the Bayesian information criterion, where the model has a likelihood
 */
public record ModelSummary(String model, double[] fitted, double[] residuals, double[] innovations, int fitDf,
                           double sigma2, OptionalDouble logLikelihood, OptionalDouble aic, OptionalDouble aicc,
                           OptionalDouble bic) {
    /** Checks the arrays are of one length and copies them. */
    public ModelSummary {
        if (model == null || fitted == null || residuals == null || innovations == null || logLikelihood == null
                || aic == null || aicc == null || bic == null) {
            throw new IllegalArgumentException("no component of a model summary may be null");
        }
        if (fitted.length != residuals.length || fitted.length != innovations.length) {
            throw new IllegalArgumentException("fitted, residuals and innovations must be of one length, were "
                    + fitted.length + ", " + residuals.length + ", " + innovations.length);
        }
        if (fitDf < 0) {
            throw new IllegalArgumentException("fitDf must be ≥ 0, was " + fitDf);
        }
        fitted = fitted.clone();
        residuals = residuals.clone();
        innovations = innovations.clone();
    }

    /** A summary without a likelihood, for models fitted by rule or by least squares alone. */
    public static ModelSummary withoutLikelihood(String model, double[] fitted, double[] residuals, int fitDf,
                                                 double sigma2) {
        return new ModelSummary(model, fitted, residuals, residuals, fitDf, sigma2, OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());
    }

    @Override
    public double[] fitted() {
        return fitted.clone();
    }

    @Override
    public double[] residuals() {
        return residuals.clone();
    }

    @Override
    public double[] innovations() {
        return innovations.clone();
    }

    /**
     * The Ljung–Box test of the innovations, with the lags and degrees of freedom R's {@code checkresiduals} uses:
     * {@code 2m} lags for a seasonal series and 10 otherwise, at most a fifth of the observations and at least
     * {@code fitDf + 3}; missing innovations inside the series are interpolated, those at its ends left out. A small
     * p-value says the residuals are autocorrelated: the model leaves structure in the data.
     *
     * @param seasonalPeriod the period the model was fitted at (1 for none)
     */
    public LjungBox.Result ljungBox(int seasonalPeriod) {
        if (seasonalPeriod < 1) {
            throw new IllegalArgumentException("seasonalPeriod must be at least 1, was " + seasonalPeriod);
        }
        int lags = seasonalPeriod > 1 ? 2 * seasonalPeriod : 10;
        lags = (int) Math.min(lags, Math.round(innovations.length / 5.0));
        lags = Math.max(fitDf + 3, lags);
        return LjungBox.test(interpolated(innovations), lags, fitDf);
    }

    /** The values without the missing ones at either end, those between interpolated (zoo's {@code na.approx}). */
    private static double[] interpolated(double[] x) {
        int from = 0;
        while (from < x.length && Double.isNaN(x[from])) {
            from++;
        }
        int to = x.length;
        while (to > from && Double.isNaN(x[to - 1])) {
            to--;
        }
        // both ends are known now, so the shared filler only interpolates
        return TimeSeries.fillMissing(Arrays.copyOfRange(x, from, to));
    }
}

package org.marketlink.forecast;

/**
 * A forecasting method. {@link #fit} never throws for bad data: a series that is too short, constant, all zero
 * or holds missing values gets a {@link FittedModel} that says which simpler model it fell back to and why.
 *
 * <p>Implementations are immutable and thread-safe; fitted models are immutable.
 */
public interface Forecaster {

    /** The method's name, for example {@code SES}. */
    String name();

    /**
     * Fits the method to {@code series}.
     *
     * @param series         observations, oldest first; NaN marks a missing value
     * @param seasonalPeriod observations per seasonal cycle (1 for none)
     */
    FittedModel fit(double[] series, int seasonalPeriod);
}

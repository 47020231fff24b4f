package org.marketlink.core.timeseries;

/**
 * Predicts the next value of a series with an interval. Defined in core so that modules which must not depend on
 * each other can meet: the quality module's seasonal anomaly check asks for one, the forecast module provides one.
 *
 * <p>Implementations must be thread-safe.
 */
public interface IntervalPredictor {

    /**
     * The interval that should hold the value following {@code history} with probability {@code level} percent.
     *
     * @return {lower, point, upper}
     */
    double[] next(double[] history, int seasonalPeriod, double level);
}

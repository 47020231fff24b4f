package org.marketlink.forecast;

/** A method fitted to one series. Immutable and thread-safe. */
public interface FittedModel {

    /**
     * Forecasts {@code horizon} steps ahead with intervals at each of {@code levels} (percent, in (0, 100)).
     */
    Forecast forecast(int horizon, double... levels);
}

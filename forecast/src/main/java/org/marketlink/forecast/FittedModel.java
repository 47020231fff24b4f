package org.marketlink.forecast;

import java.util.Optional;

/** A method fitted to one series. Immutable and thread-safe. */
public interface FittedModel {

    /**
     * Forecasts {@code horizon} steps ahead with intervals at each of {@code levels} (percent, in (0, 100)).
     */
    Forecast forecast(int horizon, double... levels);

    /**
     * The model's fitted values, residuals and information criteria, for checking it (a Ljung–Box test of its
     * residuals, reconciliation weights from them, a comparison by AICc). Empty for models that keep no in-sample
     * fit: the default, so that a host's own models need not provide one. ETS, ARIMA, the naive methods and
     * combinations of models that have one provide it.
     */
    default Optional<ModelSummary> summary() {
        return Optional.empty();
    }
}

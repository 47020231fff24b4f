package org.marketlink.core.model;

import org.marketlink.core.Checks;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Predicted demand for a product over a period. Natural key: {@code (productId, forecastDate, periodDays)}.
 *
 * @param productId       the product
 * @param forecastDate    first day of the forecast period
 * @param periodDays      length of the period in days, ≥ 1
 * @param predictedDemand point forecast, finite and ≥ 0
 * @param lowerBound      lower bound of the interval, finite, ≤ {@code upperBound}
 * @param upperBound      upper bound of the interval, finite
 * @param modelUsed       the model that made the forecast (and its fallback, if one was used), at most 200 characters
 * @param generatedAt     when the forecast was made
 */
public record DemandForecast(UUID productId, LocalDate forecastDate, int periodDays, double predictedDemand,
                             double lowerBound, double upperBound, String modelUsed, Instant generatedAt) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public DemandForecast {
        Checks.notNull("productId", productId);
        Checks.notNull("forecastDate", forecastDate);
        Checks.atLeast("periodDays", periodDays, 1);
        Checks.finite("predictedDemand", predictedDemand);
        if (predictedDemand < 0) {
            throw new IllegalArgumentException("predictedDemand must not be negative, was " + predictedDemand);
        }
        Checks.finite("lowerBound", lowerBound);
        Checks.finite("upperBound", upperBound);
        if (lowerBound > upperBound) {
            throw new IllegalArgumentException("lowerBound must not exceed upperBound, was " + lowerBound + " > "
                    + upperBound);
        }
        modelUsed = Checks.text("modelUsed", modelUsed, 200);
        generatedAt = Checks.instant("generatedAt", generatedAt);
    }
}

package org.marketlink.core.model;

import org.marketlink.core.Checks;
import org.marketlink.core.data.Personal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * An organisation that buys from producer groups. Natural key: {@code (name, location.region)}.
 *
 * @param id                     host-assigned identifier
 * @param name                   organisation name, at most 200 characters
 * @param type                   retailer, wholesaler, government or aggregator
 * @param location               where it takes delivery (personal data for sole traders)
 * @param categoryPreferences    lower-case product categories it buys
 * @param qualityRequirements    minimum quality measures, by the same names as {@link Shg#qualityMetrics()}
 * @param orderVolume            units per order it usually buys
 * @param priceRange             unit prices it pays, scale 2
 * @param certificationsRequired certifications a supplier must hold
 * @param paymentTerms           when it pays
 * @param rating                 0..5
 * @param createdAt              creation time
 * @param updatedAt              last change, not before {@code createdAt}
 */
public record Buyer(UUID id, String name, BuyerType type, Location location, List<String> categoryPreferences,
                    Map<String, Double> qualityRequirements, Range<Long> orderVolume, Range<BigDecimal> priceRange,
                    List<String> certificationsRequired, @Personal PaymentTerms paymentTerms, double rating,
                    Instant createdAt, Instant updatedAt) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public Buyer {
        Checks.notNull("id", id);
        name = Checks.text("name", name, 200);
        Checks.notNull("type", type);
        Checks.notNull("location", location);
        categoryPreferences = Checks.list("categoryPreferences", categoryPreferences).stream()
                .map(c -> c.strip().toLowerCase(Locale.ROOT)).toList();
        qualityRequirements = Checks.finiteMap("qualityRequirements", qualityRequirements);
        Checks.notNull("orderVolume", orderVolume);
        if (orderVolume.min() < 0) {
            throw new IllegalArgumentException("orderVolume.min must not be negative, was " + orderVolume.min());
        }
        Checks.notNull("priceRange", priceRange);
        priceRange = Range.of(Checks.money("priceRange.min", priceRange.min()),
                Checks.money("priceRange.max", priceRange.max()));
        certificationsRequired = Checks.list("certificationsRequired", certificationsRequired);
        Checks.notNull("paymentTerms", paymentTerms);
        Checks.between("rating", rating, 0, 5);
        createdAt = Checks.instant("createdAt", createdAt);
        updatedAt = Checks.instant("updatedAt", updatedAt);
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("updatedAt must not be before createdAt, was " + updatedAt
                    + " < " + createdAt);
        }
    }

    @Override
    public String toString() {
        // location and payment terms are personal data for sole traders
        return "Buyer[id=" + id + ", name=" + name + ", type=" + type + "]";
    }
}

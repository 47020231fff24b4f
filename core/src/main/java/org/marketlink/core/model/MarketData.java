package org.marketlink.core.model;

import org.marketlink.core.Checks;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One observation of a product's market. Natural key: {@code (productId, observedAt, source)}.
 *
 * @param productId         the product
 * @param observedAt        when it was observed
 * @param price             market price per unit, ≥ 0, scale 2
 * @param demandSignal      0..10
 * @param competitorCount   sellers seen, ≥ 0
 * @param availabilityIndex 0..1
 * @param trend             price direction
 * @param source            where the observation came from, for example {@code wfp}, at most 100 characters
 */
public record MarketData(UUID productId, Instant observedAt, BigDecimal price, double demandSignal,
                         int competitorCount, double availabilityIndex, Trend trend, String source) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public MarketData {
        Checks.notNull("productId", productId);
        observedAt = Checks.instant("observedAt", observedAt);
        price = Checks.money("price", price);
        Checks.between("demandSignal", demandSignal, 0, 10);
        Checks.atLeast("competitorCount", competitorCount, 0);
        Checks.between("availabilityIndex", availabilityIndex, 0, 1);
        Checks.notNull("trend", trend);
        source = Checks.text("source", source, 100);
    }
}

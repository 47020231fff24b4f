package org.marketlink.core.model;

import org.marketlink.core.Checks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A product's sales on one day in one region. Natural key: {@code (productId, saleDate, region)}.
 *
 * @param productId    the product
 * @param saleDate     the day
 * @param price        average price per unit that day, ≥ 0, scale 2
 * @param quantitySold units sold, ≥ 0 (at most 3 decimals)
 * @param orderCount   orders, ≥ 0
 * @param region       where, at most 200 characters
 */
public record PricingHistory(UUID productId, LocalDate saleDate, BigDecimal price, BigDecimal quantitySold,
                             int orderCount, String region) {
    /** Units sold in a day are below this (10<sup>13</sup>), which the store's {@code NUMERIC(16, 3)} keeps. */
    public static final BigDecimal QUANTITY_SOLD_LIMIT = BigDecimal.TEN.pow(13);

    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public PricingHistory {
        Checks.notNull("productId", productId);
        Checks.notNull("saleDate", saleDate);
        price = Checks.money("price", price);
        Checks.notNull("quantitySold", quantitySold);
        if (quantitySold.signum() < 0) {
            throw new IllegalArgumentException("quantitySold must not be negative, was "
                    + quantitySold.toPlainString());
        }
        if (quantitySold.stripTrailingZeros().scale() > 3) {
            throw new IllegalArgumentException("quantitySold must have at most 3 decimals, was "
                    + quantitySold.toPlainString());
        }
        Checks.below("quantitySold", quantitySold, QUANTITY_SOLD_LIMIT);
        quantitySold = quantitySold.setScale(3, RoundingMode.UNNECESSARY);
        Checks.atLeast("orderCount", orderCount, 0);
        region = Checks.text("region", region, 200);
    }
}

package org.marketlink.core.model;

import org.marketlink.core.Checks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;

/**
 * One product on an order.
 *
 * @param productId the product
 * @param quantity  how much, &gt; 0 (decimals allowed for goods sold by weight), at most 3 decimals
 * @param unitPrice price per unit, ≥ 0, scale 2
 */
public record OrderLine(UUID productId, BigDecimal quantity, BigDecimal unitPrice) {
    /** Quantities are below this (10<sup>11</sup>), which the store's {@code NUMERIC(14, 3)} columns keep. */
    public static final BigDecimal QUANTITY_LIMIT = BigDecimal.TEN.pow(11);

    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public OrderLine {
        Checks.notNull("productId", productId);
        Checks.notNull("quantity", quantity);
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("quantity must be greater than 0, was " + quantity.toPlainString());
        }
        if (quantity.stripTrailingZeros().scale() > 3) {
            throw new IllegalArgumentException("quantity must have at most 3 decimals, was "
                    + quantity.toPlainString());
        }
        Checks.below("quantity", quantity, QUANTITY_LIMIT);
        quantity = quantity.setScale(3, RoundingMode.UNNECESSARY);
        unitPrice = Checks.money("unitPrice", unitPrice);
    }

    /** quantity × unit price, rounded half-even to cents. */
    public BigDecimal lineTotal() {
        return quantity.multiply(unitPrice).setScale(2, RoundingMode.HALF_EVEN);
    }
}

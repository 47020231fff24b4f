package org.marketlink.core.model;

import org.marketlink.core.Checks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.UUID;

/**
 * Units of a product that a buyer sent back from an order. Natural key: {@code (orderId, productId)} (a later
 * record of the same return replaces it). The store does not check the quantity against the order's line: the
 * host's returns process does.
 *
 * @param orderId    the order the units came from
 * @param productId  the product returned
 * @param quantity   how much, &gt; 0, at most 3 decimals (as order lines)
 * @param returnedAt when the return was received
 * @param reason     a short code, for example {@code DAMAGED}, {@code QUALITY} or {@code LATE}; not free text, so it
 *                   holds no personal data
 */
public record OrderReturn(UUID orderId, UUID productId, BigDecimal quantity, Instant returnedAt, String reason) {
    /** The canonical constructor: checks the components as described above. */
    public OrderReturn {
        Checks.notNull("orderId", orderId);
        Checks.notNull("productId", productId);
        Checks.notNull("quantity", quantity);
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("quantity must be greater than 0, was " + quantity.toPlainString()
                    + " for order " + orderId);
        }
        if (quantity.stripTrailingZeros().scale() > 3) {
            throw new IllegalArgumentException("quantity must have at most 3 decimals, was "
                    + quantity.toPlainString() + " for order " + orderId);
        }
        Checks.below("quantity", quantity, OrderLine.QUANTITY_LIMIT);
        quantity = quantity.setScale(3, RoundingMode.UNNECESSARY);
        returnedAt = Checks.instant("returnedAt", returnedAt);
        reason = Checks.notBlank("reason", reason);
        if (reason.length() > 50) {
            throw new IllegalArgumentException("reason must be a code of at most 50 characters, was "
                    + reason.length() + " characters for order " + orderId);
        }
    }
}

package org.marketlink.core.pipeline.normalize;

import java.math.BigDecimal;

/**
 * An amount in a base unit: kilograms, litres, or countable units.
 *
 * @param amount   how many base units, &gt; 0
 * @param baseUnit {@code kg}, {@code l} or {@code unit}
 */
public record Quantity(BigDecimal amount, String baseUnit) {
    /** Checks every component and throws {@link IllegalArgumentException} naming the first that is wrong. */
    public Quantity {
        // one spelling per amount, so that equal quantities are equal records (90, not 9E+1 or 90.000)
        amount = amount.stripTrailingZeros();
        if (amount.scale() < 0) {
            amount = amount.setScale(0);
        }
    }
}

package org.marketlink.core.pipeline.normalize;

import java.math.BigDecimal;

/**
 * An amount in a base unit: kilograms, litres, or countable units.
 *
 * @param amount   how many base units, &gt; 0
 * @param baseUnit {@code kg}, {@code l} or {@code unit}
 */
public record Quantity(BigDecimal amount, String baseUnit) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public Quantity {
        // one spelling per amount, so that equal quantities are equal records (90, not 9E+1 or 90.000)
        amount = amount.stripTrailingZeros();
        if (amount.scale() < 0) {
            amount = amount.setScale(0);
        }
    }
}

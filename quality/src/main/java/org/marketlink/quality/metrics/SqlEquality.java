package org.marketlink.quality.metrics;

import java.math.BigDecimal;

/**
 * Values as SQL compares them for equality, so that distinct counts and duplicate keys in memory equal those of
 * {@code GROUP BY} and {@code COUNT(DISTINCT)}: {@code -0.0} is {@code 0.0}, and {@code 1.50} is {@code 1.5}
 * ({@link Double#equals} and {@link BigDecimal#equals} tell them apart). NaN stays one value, as the databases
 * group it. Stateless.
 */
final class SqlEquality {
    private SqlEquality() {
    }

    /** {@code v}, or the value SQL treats as equal to it that Java's {@code equals} agrees on. */
    static Object key(Object v) {
        if (v instanceof Double d) {
            return d == 0 ? (Object) 0.0 : v;
        }
        if (v instanceof BigDecimal b) {
            return b.signum() == 0 ? BigDecimal.ZERO : b.stripTrailingZeros();
        }
        return v;
    }
}

package org.marketlink.core.model;

import org.marketlink.core.Checks;

/**
 * A closed interval {@code [min, max]} with {@code min <= max}; {@code min == max} is a single value.
 *
 * @param <T> a comparable value type such as {@code Long} or {@code BigDecimal}
 */
public record Range<T extends Comparable<? super T>>(T min, T max) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public Range {
        Checks.notNull("min", min);
        Checks.notNull("max", max);
        if (min instanceof Double d && !Double.isFinite(d) || max instanceof Double e && !Double.isFinite(e)) {
            throw new IllegalArgumentException("range bounds must be finite, was " + min + ".." + max);
        }
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("range min must not exceed max, was " + min + ".." + max);
        }
    }

    /** The range [min, max]; min must not be after max. */
    public static <T extends Comparable<? super T>> Range<T> of(T min, T max) {
        return new Range<>(min, max);
    }

    /** Whether {@code value} lies within the closed interval. */
    public boolean contains(T value) {
        return min.compareTo(value) <= 0 && max.compareTo(value) >= 0;
    }
}

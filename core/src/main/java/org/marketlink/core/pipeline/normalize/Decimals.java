package org.marketlink.core.pipeline.normalize;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Reads decimals written with either separator where that is unambiguous: {@code "1,234.5"}, {@code "1.234,5"},
 * {@code "12,5"}, {@code "1234.5"}. A single separator followed by exactly three digits ({@code "1,234"} or
 * {@code "1.234"}) could be a thousands separator or a decimal point, and is refused. Thread-safe.
 */
public final class Decimals {
    private Decimals() {
    }

    /** The decimal the text holds, or empty when it is not one or is ambiguous. */
    public static Optional<BigDecimal> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip().replace(" ", "").replace("\u00a0", "");
        int comma = s.lastIndexOf(',');
        int dot = s.lastIndexOf('.');
        String normal;
        if (comma >= 0 && dot >= 0) {
            // both present: the later one is the decimal point, the other groups thousands
            normal = comma > dot ? s.replace(".", "").replace(',', '.') : s.replace(",", "");
        } else if (comma >= 0 || dot >= 0) {
            char sep = comma >= 0 ? ',' : '.';
            int first = s.indexOf(sep);
            int last = Math.max(comma, dot);
            if (first != last) {
                // repeated: thousands groups only, like 1,234,567
                normal = s.replace(String.valueOf(sep), "");
            } else if (s.length() - last - 1 == 3) {
                return Optional.empty();
            } else {
                normal = s.replace(sep, '.');
            }
        } else {
            normal = s;
        }
        try {
            return Optional.of(new BigDecimal(normal));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

package org.marketlink.core.data;

import java.math.BigDecimal;

/**
 * What a number in a data file may look like, checked by a scan before Java's own parsers see it: those accept
 * more than a data file should hold ({@code 1.5d}, {@code 0x1p3}, digits of other scripts) and some inputs cost
 * unbounded time or memory ({@code 1E+999999999} as a plain string is a billion characters). Stateless.
 */
final class PlainNumbers {
    /** The largest exponent and the most digits a decimal cell may carry: far beyond money, far below harm. */
    static final int MAX_SCALE = 1_000;

    private PlainNumbers() {
    }

    /** An optional sign and ASCII digits. */
    static boolean isInteger(String text) {
        int i = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
        if (i == text.length()) {
            return false;
        }
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** An optional sign, ASCII digits with at most one point (digits on at least one side), an optional exponent. */
    static boolean isDecimal(String text) {
        int n = text.length();
        int i = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
        int digits = 0;
        boolean point = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i == n) {
            return true;
        }
        char e = text.charAt(i);
        if (e != 'e' && e != 'E') {
            return false;
        }
        i++;
        if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            i++;
        }
        int exponentDigits = 0;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            exponentDigits++;
        }
        return exponentDigits > 0;
    }

    /** {@code d} when its scale and precision are within {@link #MAX_SCALE}. */
    static BigDecimal bounded(BigDecimal d) {
        if (Math.abs((long) d.scale()) > MAX_SCALE || d.precision() > MAX_SCALE) {
            throw new IllegalArgumentException("out of range: a decimal may have at most " + MAX_SCALE
                    + " digits and an exponent within ±" + MAX_SCALE);
        }
        return d;
    }
}

package org.marketlink.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Argument checks for compact constructors. Every failure is an {@link IllegalArgumentException} whose message
 * names the field and the bad value, so a host can tell its user exactly what to fix.
 *
 * <p>Public because every MarketLink module (and a host's own records, if it likes) words its argument errors the
 * same way through it; no module reaches into another's {@code internal} package. Stateless and thread-safe.
 */
public final class Checks {
    private Checks() {
    }

    /** The value, when it is not null; throws {@link IllegalArgumentException} naming {@code field} otherwise. */
    public static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }

    /**
     * A non-null instant truncated to microseconds, the precision of the databases' timestamps, so that a value
     * read back equals the value written.
     */
    public static Instant instant(String field, Instant value) {
        return notNull(field, value).truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The value, stripped, when it is not blank; throws {@link IllegalArgumentException} naming {@code field}
     * otherwise.
     */
    public static String notBlank(String field, String value) {
        notNull(field, value);
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be blank, was '" + value + "'");
        }
        return trimmed;
    }

    /**
     * The value, stripped, when it is not blank and at most {@code maxLength} characters long (UTF-16 code units,
     * never fewer than the characters a database column counts); throws {@link IllegalArgumentException} naming
     * {@code field} and the length otherwise, never the text, which may be personal data.
     */
    public static String text(String field, String value, int maxLength) {
        return atMost(field, notBlank(field, value), maxLength);
    }

    /**
     * The value when it is at most {@code maxLength} characters long (as {@link #text} counts them); throws
     * {@link IllegalArgumentException} naming {@code field} and the length otherwise, never the text.
     */
    public static String atMost(String field, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters, was "
                    + value.length());
        }
        return value;
    }

    /**
     * The value when it is below {@code limit}: the largest amounts the store's columns keep exactly (for example
     * {@code NUMERIC(14, 3)} keeps quantities below 10<sup>11</sup>); throws {@link IllegalArgumentException} naming
     * {@code field} and the value otherwise.
     */
    public static BigDecimal below(String field, BigDecimal value, BigDecimal limit) {
        if (value.compareTo(limit) >= 0) {
            throw new IllegalArgumentException(field + " must be below " + String.format(Locale.ROOT, "%,d",
                    limit.toBigInteger()) + ", was " + value.toPlainString());
        }
        return value;
    }

    /** Amounts of money are below this (10<sup>12</sup>), which the store's {@code NUMERIC(14, 2)} columns keep. */
    public static final BigDecimal MONEY_LIMIT = BigDecimal.TEN.pow(12);

    /** Null becomes the empty string; other values are stripped of surrounding white space. */
    public static String orEmpty(String value) {
        return value == null ? "" : value.strip();
    }

    /**
     * The value, when it is finite; throws {@link IllegalArgumentException} naming {@code field} and the value
     * otherwise.
     */
    public static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, was " + value);
        }
        return value;
    }

    /**
     * The value, when it lies in [min, max]; throws {@link IllegalArgumentException} naming {@code field} otherwise.
     */
    public static double between(String field, double value, double min, double max) {
        finite(field, value);
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be in " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    /**
     * The value, when it is at least {@code min}; throws {@link IllegalArgumentException} naming {@code field}
     * otherwise.
     */
    public static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    /**
     * The value, when it is at least {@code min}; throws {@link IllegalArgumentException} naming {@code field}
     * otherwise.
     */
    public static long atLeast(String field, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    /**
     * A non-negative amount of money with scale 2. More than two significant decimals are refused rather than
     * rounded, so no amount changes silently.
     */
    public static BigDecimal money(String field, BigDecimal value) {
        notNull(field, value);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value.toPlainString());
        }
        below(field, value, MONEY_LIMIT);
        try {
            return value.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    field + " must have at most 2 decimals, was " + value.toPlainString());
        }
    }

    /** A strictly positive amount of money with scale 2. */
    public static BigDecimal positiveMoney(String field, BigDecimal value) {
        BigDecimal m = money(field, value);
        if (m.signum() == 0) {
            throw new IllegalArgumentException(field + " must be greater than 0, was " + m.toPlainString());
        }
        return m;
    }

    /** An immutable copy whose elements are non-null. */
    public static <T> List<T> list(String field, Collection<T> values) {
        if (values == null) {
            return List.of();
        }
        int i = 0;
        for (T v : values) {
            if (v == null) {
                throw new IllegalArgumentException(field + "[" + i + "] must not be null");
            }
            i++;
        }
        return List.copyOf(values);
    }

    /** An immutable copy of a map of finite numbers. */
    public static Map<String, Double> finiteMap(String field, Map<String, Double> values) {
        if (values == null) {
            return Map.of();
        }
        values.forEach((k, v) -> {
            if (k == null || k.isBlank()) {
                throw new IllegalArgumentException(field + " has a blank key");
            }
            if (v == null || !Double.isFinite(v)) {
                throw new IllegalArgumentException(field + "." + k + " must be a finite number, was " + v);
            }
        });
        return Map.copyOf(values);
    }

    /** The map, copied (empty for null), when it holds no null key or value; throws
     * {@link IllegalArgumentException} naming {@code field} otherwise. */
    public static Map<String, String> stringMap(String field, Map<String, String> values) {
        if (values == null) {
            return Map.of();
        }
        values.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException(field + " must not hold null keys or values");
            }
        });
        return Map.copyOf(values);
    }

    /** Whether two values are equal by {@link Objects#equals}; two nulls are equal. */
    public static boolean equal(Object a, Object b) {
        return Objects.equals(a, b);
    }
}

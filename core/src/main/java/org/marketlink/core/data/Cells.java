package org.marketlink.core.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;

/**
 * The one cell parser of the library: how the text of a cell becomes a value of its field's type, the same for
 * CSV files, JSON Lines and the quality rule {@code parsesAs}. Strict, so that nothing is silently guessed:
 * <ul>
 *   <li>{@code LONG}: an optional sign and ASCII digits;</li>
 *   <li>{@code DOUBLE}: a plain decimal number (ASCII digits, one point, an exponent), finite;</li>
 *   <li>{@code DECIMAL}: the same, with at most 1,000 digits of scale or exponent;</li>
 *   <li>{@code BOOLEAN}: true/t/yes/1 or false/f/no/0, in any case;</li>
 *   <li>{@code DATE}: ISO {@code yyyy-MM-dd};</li>
 *   <li>{@code TIMESTAMP}: ISO-8601 with a {@code T} or a space, with or without an offset (none means UTC);</li>
 *   <li>{@code STRING} and {@code JSON}: the text itself, without a NUL character (U+0000).</li>
 * </ul>
 * Surrounding white space is stripped first; an empty cell is {@code null} for a nullable field. Stateless and
 * thread-safe.
 */
public final class Cells {
    /** One field per type for {@link #parses}, made once: checking a cell allocates nothing but its value. */
    private static final Field[] CELLS = Arrays.stream(FieldType.values())
            .map(t -> Field.required("cell", t)).toArray(Field[]::new);

    private Cells() {
    }

    /**
     * An instant from ISO-8601 text; without an offset the time is taken as UTC. The common
     * {@code yyyy-MM-dd HH:mm:ss} and {@code yyyy-MM-ddTHH:mm:ss[Z]} shapes are read by hand, several times faster
     * than the general parser, which handles everything else.
     */
    static Instant timestamp(String text) {
        int n = text.length();
        if ((n == 19 || n == 20 && text.charAt(19) == 'Z') && text.charAt(4) == '-' && text.charAt(7) == '-'
                && (text.charAt(10) == ' ' || text.charAt(10) == 'T') && text.charAt(13) == ':'
                && text.charAt(16) == ':') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && hour < 24 && minute >= 0 && minute < 60
                    && second >= 0 && second < 60) {
                long days = LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(days * 86_400L + hour * 3600L + minute * 60L + second);
            }
        }
        // an offset after the time, east (+05:30) or west (-05:00) of UTC
        return text.endsWith("Z") || text.indexOf('+', 10) > 0 || text.indexOf('-', 19) > 0
                ? OffsetDateTime.parse(text.replace(' ', 'T')).toInstant()
                : LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    /**
     * Whether {@code text} is a value of {@code type} as {@link #parse} reads it (an empty text is not).
     *
     * @param type the type to read the text as
     * @param text the text of a cell
     * @return true when {@code parse} would return a value for it
     */
    public static boolean parses(FieldType type, String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        try {
            parse(CELLS[type.ordinal()], text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The decimal number in {@code text[from, to)}, or -1 when a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * The cell's value, or {@code null} for an empty cell of a nullable field.
     *
     * @param field the field the cell belongs to (its type and whether it may be empty)
     * @param raw   the cell's text; {@code null} counts as empty
     * @return the value as rows hold it ({@code String}, {@code Long}, {@code Double}, {@code BigDecimal},
     *         {@code Boolean}, {@code LocalDate}, {@code Instant}), or {@code null}
     * @throws IllegalArgumentException when the text is not a value of the field's type; the message says what
     *                                  was expected and never repeats the text
     */
    public static Object parse(Field field, String raw) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            if (field.nullable()) {
                return null;
            }
            throw new IllegalArgumentException("required but empty");
        }
        return switch (field.type()) {
            case STRING, JSON -> {
                // PostgreSQL refuses U+0000 in text and would fail the whole batch: a data cell never needs it
                if (text.indexOf('\u0000') >= 0) {
                    throw new IllegalArgumentException("holds a NUL character (U+0000), which databases refuse");
                }
                yield text;
            }
            case LONG -> {
                if (!PlainNumbers.isInteger(text)) {
                    throw new IllegalArgumentException("not a whole number in ASCII digits");
                }
                yield Long.parseLong(text);
            }
            case DOUBLE -> {
                if (!PlainNumbers.isDecimal(text)) {
                    throw new IllegalArgumentException("not a plain decimal number (digits, a point, an exponent)");
                }
                double d = Double.parseDouble(text);
                if (!Double.isFinite(d)) {
                    throw new IllegalArgumentException("not finite");
                }
                yield d;
            }
            case DECIMAL -> {
                if (!PlainNumbers.isDecimal(text)) {
                    throw new IllegalArgumentException("not a plain decimal number (digits, a point, an exponent)");
                }
                yield PlainNumbers.bounded(new BigDecimal(text));
            }
            case BOOLEAN -> switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "t", "yes", "1" -> Boolean.TRUE;
                case "false", "f", "no", "0" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("not a boolean");
            };
            case DATE -> LocalDate.parse(text);
            case TIMESTAMP -> timestamp(text);
        };
    }
}

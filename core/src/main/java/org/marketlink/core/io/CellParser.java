package org.marketlink.core.io;

import org.marketlink.core.data.Field;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Parses one text cell as its field's type; strict, so that nothing is silently guessed. */
final class CellParser {
    private CellParser() {
    }

    /**
     * The cell's value, or {@code null} for an empty cell of a nullable field.
     *
     * @throws IllegalArgumentException when the text is not a value of the field's type
     */
    static Object parse(Field field, String raw) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            if (field.nullable()) {
                return null;
            }
            throw new IllegalArgumentException("required but empty");
        }
        return switch (field.type()) {
            case STRING, JSON -> text;
            case LONG -> Long.parseLong(text);
            case DOUBLE -> {
                double d = Double.parseDouble(text);
                if (!Double.isFinite(d)) {
                    throw new IllegalArgumentException("not finite");
                }
                yield d;
            }
            case DECIMAL -> new BigDecimal(text);
            case BOOLEAN -> switch (text.toLowerCase(java.util.Locale.ROOT)) {
                case "true", "t", "yes", "1" -> Boolean.TRUE;
                case "false", "f", "no", "0" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("not a boolean");
            };
            case DATE -> LocalDate.parse(text);
            case TIMESTAMP -> text.endsWith("Z") || text.contains("+")
                    ? Instant.parse(text)
                    : LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        };
    }
}

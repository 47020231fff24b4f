package org.marketlink.parquet;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.marketlink.core.data.Cells;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Turns one column's raw values into one field's values, chosen once per file from the column's Parquet type and
 * the field's type: numbers widen (int32 to a long, float to a double), dates and timestamps (millis, micros or
 * nanos) and decimals (any scale, int32, int64 or binary) read as such, text is kept exactly as written, and text
 * in a column of another field type is read as a CSV cell would be. A value that does not fit throws, naming the
 * field's type; the source quarantines its row.
 */
@FunctionalInterface
interface ColumnDecoder {
    /** The field's value of a raw value (never null). */
    Object decode(Object raw);

    /** The decoder of {@code column}'s values into {@code field}. */
    static ColumnDecoder of(Field field, PrimitiveType column) {
        LogicalTypeAnnotation logical = column.getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            int scale = d.getScale();
            ColumnDecoder decimal = raw -> raw instanceof byte[] b ? new BigDecimal(new BigInteger(b), scale)
                    : BigDecimal.valueOf(((Number) raw).longValue(), scale);
            return switch (field.type()) {
                case DECIMAL -> decimal;
                case DOUBLE -> raw -> ((BigDecimal) decimal.decode(raw)).doubleValue();
                case STRING -> raw -> ((BigDecimal) decimal.decode(raw)).toPlainString();
                default -> raw -> text(field, ((BigDecimal) decimal.decode(raw)).toPlainString());
            };
        }
        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            ColumnDecoder date = raw -> LocalDate.ofEpochDay((Integer) raw);
            return field.type() == FieldType.DATE ? date
                    : raw -> text(field, date.decode(raw).toString());
        }
        if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
            ColumnDecoder time = switch (t.getUnit()) {
                case MILLIS -> raw -> Instant.ofEpochMilli((Long) raw);
                case MICROS -> raw -> {
                    long us = (Long) raw;
                    return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1_000);
                };
                case NANOS -> raw -> {
                    long ns = (Long) raw;
                    return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
                };
            };
            return field.type() == FieldType.TIMESTAMP ? time
                    : raw -> text(field, time.decode(raw).toString());
        }
        return switch (field.type()) {
            case STRING, JSON -> raw -> raw instanceof String s ? checkedText(s) : String.valueOf(raw);
            case LONG -> raw -> raw instanceof Long || raw instanceof Integer ? ((Number) raw).longValue()
                    : text(field, String.valueOf(raw));
            case DOUBLE -> raw -> raw instanceof Number n && !(raw instanceof byte[]) ? n.doubleValue()
                    : text(field, String.valueOf(raw));
            case BOOLEAN -> raw -> raw instanceof Boolean ? raw : text(field, String.valueOf(raw));
            default -> raw -> text(field, String.valueOf(raw));
        };
    }

    /** Text as the CSV reader reads a cell of {@code field}. */
    private static Object text(Field field, String text) {
        return Cells.parse(field, text);
    }

    /** Text kept exactly, except that a NUL character is refused (databases refuse it), as the CSV reader does. */
    private static String checkedText(String s) {
        if (s.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("holds a NUL character (U+0000), which databases refuse");
        }
        return s;
    }
}

package org.marketlink.core.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Read access to the values of one row of a {@link Schema}, by field position (fast) or by name (convenient),
 * whatever holds them: a {@link Row}, a domain record read through {@link RecordRows#view}, or one row of a
 * {@link ColumnBatch} ({@link ColumnBatch#view}). Quality rules read rows through this interface, so they judge
 * records and column batches where they are, without first copying each one into a {@code Row}.
 *
 * <p>A value is {@code null} when the field is empty, and otherwise of its field's {@link FieldType#javaType()}.
 * A view reads its source when asked, so it shows what the source holds at that moment: keep {@link #toRow()},
 * not the view, when a row must outlive the call that was handed it. {@link Row}s are immutable; a record's view is
 * as immutable as the record; a batch's view changes when the batch is refilled. A view is as thread-safe as what
 * it reads: rows and records may be read from any thread, a batch's view only by the thread that owns the batch.
 */
public interface RowView {

    /** The schema of this row. */
    Schema schema();

    /** The value at position {@code i}, or {@code null}. */
    Object get(int i);

    /**
     * The value of the named field, or null.
     *
     * @throws IllegalArgumentException when the schema has no such field
     */
    default Object get(String name) {
        return get(schema().indexOf(name));
    }

    /** Whether the value at position {@code i} is empty. */
    default boolean isNull(int i) {
        return get(i) == null;
    }

    /** The value at position {@code i} as text, or null. */
    default String getString(int i) {
        return (String) get(i);
    }

    /** The value of the named field as text, or null. */
    default String getString(String name) {
        return getString(schema().indexOf(name));
    }

    /** The long at {@code i}; the field must not be empty. */
    default long getLong(int i) {
        return (Long) Objects.requireNonNull(get(i), () -> "field '" + schema().field(i).name() + "' is empty");
    }

    /** The double at {@code i}, or NaN when the field is empty. */
    default double getDouble(int i) {
        Object v = get(i);
        return v == null ? Double.NaN : (Double) v;
    }

    /** The value at position {@code i} as a decimal, or null. */
    default BigDecimal getDecimal(int i) {
        return (BigDecimal) get(i);
    }

    /** The value at position {@code i} as a boolean, or null. */
    default Boolean getBoolean(int i) {
        return (Boolean) get(i);
    }

    /** The value at position {@code i} as a date, or null. */
    default LocalDate getDate(int i) {
        return (LocalDate) get(i);
    }

    /** The value at position {@code i} as an instant, or null. */
    default Instant getTimestamp(int i) {
        return (Instant) get(i);
    }

    /**
     * The values as a {@link Row} of their own, checked as {@link Row#of} checks them: a copy to keep.
     *
     * @throws IllegalArgumentException when a required field is empty
     */
    default Row toRow() {
        Object[] values = new Object[schema().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = get(i);
        }
        return Row.ofOwned(schema(), values);
    }

    /**
     * The text a view shows as its {@code toString()}: {@code Row[...]}, the values in field order with fields that
     * hold personal data ({@link Field#personal()}) masked, as {@link Row#toString()} shows them.
     */
    static String describe(RowView row) {
        Schema schema = row.schema();
        StringBuilder out = new StringBuilder("Row[");
        for (int i = 0; i < schema.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(schema.field(i).shown(row.get(i)));
        }
        return out.append(']').toString();
    }
}

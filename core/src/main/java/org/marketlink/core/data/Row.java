package org.marketlink.core.data;

import org.marketlink.core.Checks;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * One row of a {@link Schema}: values by field index (fast) or by name (convenient). A value is {@code null}
 * when the field is empty. A {@link RowView} that holds its values itself. Construction checks that each value has its field's type and that required fields
 * are present, naming the field on failure.
 *
 * <p>Immutable and thread-safe.
 */
public final class Row implements RowView {
    private final Schema schema;
    private final Object[] values;
    /**
     * Rows are hashed often (deduplication, grouping), so the hash of this immutable row is kept once computed.
     * 0 means not yet computed; a real hash of 0 is stored as 1. A racy single-field cache, as String's: every
     * thread computes the same value.
     */
    private int hash;

    private Row(Schema schema, Object[] values) {
        this.schema = schema;
        this.values = values;
    }

    /** A row of {@code schema} with these values, in field order. */
    public static Row of(Schema schema, Object... values) {
        Checks.notNull("schema", schema);
        Checks.notNull("values", values);
        if (values.length != schema.size()) {
            throw new IllegalArgumentException("expected " + schema.size() + " values for " + schema.names()
                    + ", got " + values.length);
        }
        return checked(schema, values.clone());
    }

    /**
     * A row over {@code values} itself, which the caller made for it and gives up (a reader's fresh array): the same
     * checks as {@link #of}, without the copy.
     */
    static Row ofOwned(Schema schema, Object[] values) {
        if (values.length != schema.size()) {
            throw new IllegalArgumentException("expected " + schema.size() + " values for " + schema.names()
                    + ", got " + values.length);
        }
        return checked(schema, values);
    }

    private static Row checked(Schema schema, Object[] copy) {
        for (int i = 0; i < copy.length; i++) {
            Field f = schema.field(i);
            Object v = copy[i];
            if (v == null) {
                if (!f.nullable()) {
                    throw new IllegalArgumentException("field '" + f.name() + "' is required but was empty");
                }
            } else {
                if (f.type() == FieldType.LONG && (v instanceof Integer || v instanceof Short || v instanceof Byte)) {
                    copy[i] = ((Number) v).longValue();
                } else if (f.type() == FieldType.DOUBLE && v instanceof Float fl) {
                    copy[i] = fl.doubleValue();
                } else if (!f.type().javaType().isInstance(v)) {
                    throw new IllegalArgumentException("field '" + f.name() + "' holds " + f.type() + ", not "
                            + v.getClass().getSimpleName() + " '"
                            + f.shown(v) + "'");
                }
            }
        }
        return new Row(schema, copy);
    }

    /** The schema this row follows. */
    @Override
    public Schema schema() {
        return schema;
    }

    /** The value at {@code i}, or {@code null}. */
    @Override
    public Object get(int i) {
        return values[i];
    }

    /**
     * The value of the named field, or null; throws {@link IllegalArgumentException} when the schema has no such field.
     */
    @Override
    public Object get(String name) {
        return values[schema.indexOf(name)];
    }

    /** Whether the value at position {@code i} is empty. */
    @Override
    public boolean isNull(int i) {
        return values[i] == null;
    }

    /** The value at position {@code i} as text, or null. */
    @Override
    public String getString(int i) {
        return (String) values[i];
    }

    /** The value of the named field as text, or null. */
    @Override
    public String getString(String name) {
        return getString(schema.indexOf(name));
    }

    /** The long at {@code i}; the field must not be empty. */
    @Override
    public long getLong(int i) {
        return (Long) Objects.requireNonNull(values[i], () -> "field '" + schema.field(i).name() + "' is empty");
    }

    /** The double at {@code i}, or NaN when the field is empty. */
    @Override
    public double getDouble(int i) {
        Object v = values[i];
        return v == null ? Double.NaN : (Double) v;
    }

    /** The value at position {@code i} as a decimal, or null. */
    @Override
    public BigDecimal getDecimal(int i) {
        return (BigDecimal) values[i];
    }

    /** The value at position {@code i} as a boolean, or null. */
    @Override
    public Boolean getBoolean(int i) {
        return (Boolean) values[i];
    }

    /** The value at position {@code i} as a date, or null. */
    @Override
    public LocalDate getDate(int i) {
        return (LocalDate) values[i];
    }

    /** The value at position {@code i} as an instant, or null. */
    @Override
    public Instant getTimestamp(int i) {
        return (Instant) values[i];
    }

    /** This row itself: it is immutable, so it needs no copy to be kept. */
    @Override
    public Row toRow() {
        return this;
    }

    /** This row with one value replaced. */
    public Row with(int i, Object value) {
        Object[] copy = values.clone();
        copy[i] = value;
        return of(schema, copy);
    }

    /** The values as an array copy. */
    public Object[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row r && (r.schema == schema || r.schema.equals(schema)) && r.hashCode() == hashCode()
                && Arrays.equals(r.values, values);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(values);
            if (h == 0) {
                h = 1;
            }
            hash = h;
        }
        return h;
    }

    /** The values in field order, fields holding personal data ({@link Field#personal()}) masked. */
    @Override
    public String toString() {
        return RowView.describe(this);
    }
}

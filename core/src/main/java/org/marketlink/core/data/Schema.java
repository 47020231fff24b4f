package org.marketlink.core.data;

import org.marketlink.core.Checks;

import java.io.Serializable;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An ordered list of named, typed fields. Rules, stages and features bind a field name to its index once, with
 * {@link #indexOf(String)}, and then read rows by index.
 *
 * <p>Immutable and thread-safe; serializable, so that work bound to a schema can be shipped to a cluster.
 */
public final class Schema implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<Class<?>, Schema> RECORD_SCHEMAS = new ConcurrentHashMap<>();

    /** The fields, in order. */
    private final List<Field> fields;
    /** Each field name to its position. */
    private final Map<String, Integer> index;

    private Schema(List<Field> fields) {
        this.fields = List.copyOf(fields);
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < this.fields.size(); i++) {
            if (idx.put(this.fields.get(i).name(), i) != null) {
                throw new IllegalArgumentException("field '" + this.fields.get(i).name() + "' appears twice");
            }
        }
        this.index = Map.copyOf(idx);
    }

    /** A schema of these fields; names must be distinct. */
    public static Schema of(List<Field> fields) {
        Checks.notNull("fields", fields);
        return new Schema(Checks.list("fields", fields));
    }

    /** A schema of these fields; names must be distinct. */
    public static Schema of(Field... fields) {
        return of(Arrays.asList(fields));
    }

    /**
     * The schema of a record class, one field per component in declaration order, derived once per class:
     * numbers, decimals, booleans, dates and instants map to their types; enums, UUIDs and strings to
     * {@code STRING}; anything else (lists, maps, nested records) to {@code JSON}. Primitive components are
     * required; others, and {@code Optional}s, are nullable. Components annotated {@link Personal} are
     * {@link Field#personal()}, and so are components whose values hold personal data inside them (a nested record
     * with a personal component, or a list, map or {@code Optional} of one: see {@link PersonalTypes}).
     */
    public static Schema of(Class<? extends Record> type) {
        Checks.notNull("type", type);
        return RECORD_SCHEMAS.computeIfAbsent(type, Schema::derive);
    }

    private static Schema derive(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Class<?> raw = c.getType();
            boolean optional = raw == Optional.class;
            if (optional && c.getGenericType() instanceof ParameterizedType p
                    && p.getActualTypeArguments()[0] instanceof Class<?> inner) {
                raw = inner;
            }
            // a component whose value holds personal data inside it (a nested record, a list of them) is personal
            boolean personal = c.isAnnotationPresent(Personal.class) || PersonalTypes.holdsPersonal(c.getGenericType());
            fields.add(new Field(c.getName(), typeOf(raw), !raw.isPrimitive(), personal));
        }
        return new Schema(fields);
    }

    static FieldType typeOf(Class<?> raw) {
        if (raw == long.class || raw == Long.class || raw == int.class || raw == Integer.class
                || raw == short.class || raw == Short.class || raw == byte.class || raw == Byte.class) {
            return FieldType.LONG;
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            return FieldType.DOUBLE;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return FieldType.BOOLEAN;
        }
        if (raw == BigDecimal.class) {
            return FieldType.DECIMAL;
        }
        if (raw == LocalDate.class) {
            return FieldType.DATE;
        }
        if (raw == Instant.class) {
            return FieldType.TIMESTAMP;
        }
        if (raw == String.class || raw.isEnum() || raw == UUID.class || raw == char.class) {
            return FieldType.STRING;
        }
        return FieldType.JSON;
    }

    /**
     * This schema with the named fields marked as personal data (names as in {@link #indexOf}); every other field
     * as it was.
     *
     * @throws IllegalArgumentException naming the first name that is not a field of this schema
     */
    public Schema withPersonal(String... names) {
        Checks.notNull("names", names);
        List<Field> marked = new ArrayList<>(fields);
        for (String name : names) {
            int i = indexOf(name);
            marked.set(i, marked.get(i).asPersonal());
        }
        return new Schema(marked);
    }

    /** Whether field {@code i} holds personal data. */
    public boolean isPersonal(int i) {
        return field(i).personal();
    }

    /** Whether a field of this name exists and holds personal data. */
    public boolean isPersonal(String name) {
        return has(name) && field(indexOf(name)).personal();
    }

    /** The fields, in order (unmodifiable). */
    public List<Field> fields() {
        return fields;
    }

    /** The number of fields. */
    public int size() {
        return fields.size();
    }

    /** The field at position {@code i}. */
    public Field field(int i) {
        return fields.get(i);
    }

    /**
     * The position of a field.
     *
     * @throws IllegalArgumentException naming the field and the fields that exist when there is no such field
     */
    public int indexOf(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("no field '" + name + "' in schema " + names());
        }
        return i;
    }

    /** Whether the schema has a field of this name. */
    public boolean has(String name) {
        return index.containsKey(name);
    }

    /** The field names, in order. */
    public List<String> names() {
        return fields.stream().map(Field::name).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema s && s.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "Schema" + fields.stream().map(f -> f.name() + ":" + f.type() + (f.nullable() ? "?" : "")).toList();
    }
}

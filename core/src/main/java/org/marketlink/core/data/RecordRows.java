package org.marketlink.core.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.marketlink.core.Checks;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns records of one class into {@link Row}s of {@link Schema#of(Class)}, so rules and stages written for rows
 * run on domain records, and back ({@link #fromRow}). The accessors and the canonical constructor are looked up
 * once; each conversion then calls them directly. Integers widen to long, floats to double, enums and UUIDs become
 * text, {@code Optional}s their content or empty, and lists, maps and nested records their JSON.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the record type
 */
public final class RecordRows<T extends Record> {
    private final Class<T> type;
    private final Schema schema;
    /** Each component's reader: a small class of its own made once per component, so a read is a plain call. */
    private final Function<Object, Object>[] accessors;
    private final RecordComponent[] components;
    private final MethodHandle constructor;

    private RecordRows(Class<T> type) {
        this.type = type;
        this.schema = Schema.of(type);
        RecordComponent[] components = type.getRecordComponents();
        this.components = components;
        Class<?>[] raw = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            raw[i] = components[i].getType();
        }
        try {
            this.constructor = MethodHandles.publicLookup().unreflectConstructor(type.getDeclaredConstructor(raw));
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("record " + type.getName() + " has no public canonical constructor", e);
        }
        @SuppressWarnings("unchecked")
        Function<Object, Object>[] readers = new Function[components.length];
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        for (int i = 0; i < components.length; i++) {
            MethodHandle accessor;
            try {
                accessor = lookup.unreflect(components[i].getAccessor());
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException("record " + type.getName() + " is not public", e);
            }
            readers[i] = reader(accessor);
        }
        this.accessors = readers;
    }

    /**
     * Readers of a record class's components, in order, each a plain call on the record (see {@link #reader}), for
     * code that reads records field by field without converting them (the pipeline's checksum, masking). A record
     * that is not public (a host's private one) is read through its accessors opened by reflection.
     *
     * @param type a record class
     * @return one reader per component
     * @throws IllegalArgumentException when an accessor can be neither reached nor opened (a module that does not
     *                                  open the class)
     */
    public static List<Function<Object, Object>> componentReaders(Class<? extends Record> type) {
        RecordComponent[] components = Checks.notNull("type", type).getRecordComponents();
        List<Function<Object, Object>> readers = new ArrayList<>(components.length);
        for (RecordComponent c : components) {
            try {
                readers.add(reader(MethodHandles.publicLookup().unreflect(c.getAccessor())));
            } catch (IllegalAccessException notPublic) {
                // opened, the handle itself reads it: a lambda class of ours could not call a private class's method
                try {
                    c.getAccessor().setAccessible(true);
                    readers.add(handleReader(MethodHandles.lookup().unreflect(c.getAccessor())));
                } catch (IllegalAccessException | RuntimeException closed) {
                    throw new IllegalArgumentException("the components of record " + type.getName()
                            + " cannot be read from here", closed);
                }
            }
        }
        return readers;
    }

    /**
     * A component's reader. A lambda made by {@link LambdaMetafactory} is a class the JIT inlines like any other;
     * a method handle held in a field is not, and costs an indirect call with checks on every read. Where the
     * factory cannot reach the accessor, the handle itself serves, typed once.
     */
    @SuppressWarnings("unchecked")
    private static Function<Object, Object> reader(MethodHandle accessor) {
        try {
            CallSite site = LambdaMetafactory.metafactory(MethodHandles.lookup(), "apply",
                    MethodType.methodType(Function.class), MethodType.methodType(Object.class, Object.class),
                    accessor, accessor.type().wrap());
            return (Function<Object, Object>) site.getTarget().invokeExact();
        } catch (Throwable e) {
            return handleReader(accessor);
        }
    }

    /** A component's reader through its method handle, typed once. */
    private static Function<Object, Object> handleReader(MethodHandle accessor) {
        MethodHandle typed = accessor.asType(MethodType.methodType(Object.class, Object.class));
        return record -> {
            try {
                return typed.invokeExact(record);
            } catch (RuntimeException | Error thrown) {
                throw thrown;
            } catch (Throwable thrown) {
                throw new IllegalStateException(thrown);
            }
        };
    }

    /** The mapping of a record type, its schema read once from its components (and their {@code @Personal} marks). */
    public static <T extends Record> RecordRows<T> of(Class<T> type) {
        return new RecordRows<>(Checks.notNull("type", type));
    }

    /** The schema rows of this record type have. */
    public Schema schema() {
        return schema;
    }

    /** The row of one record: a copy of its values, checked as {@link Row#of} checks them. */
    public Row toRow(T record) {
        Checks.notNull("record", record);
        Object[] values = new Object[accessors.length];
        for (int i = 0; i < accessors.length; i++) {
            values[i] = value(record, i);
        }
        return Row.ofOwned(schema, values); // the array is this call's own: no second copy
    }

    /**
     * The record read as a row of {@link #schema()} where it is: each value is read from its component (and
     * converted as {@link #toRow} converts it) only when asked for, so a rule that reads two fields of a
     * twenty-field record reads two. Nothing is copied; the view is as immutable as the record.
     *
     * <p>Unlike {@link #toRow}, the view does not check up front that the record's required fields are filled: a
     * component that is null shows as an empty field, for the rules to judge.
     *
     * @param record the record
     * @return a view of it, valid for as long as the caller keeps it
     */
    public RowView view(T record) {
        return new RecordView(Checks.notNull("record", record));
    }

    /** One component's value as a row holds it. */
    private Object value(Object record, int i) {
        Object v;
        try {
            v = accessors[i].apply(record);
        } catch (RuntimeException e) {
            throw new IllegalStateException("could not read " + schema.field(i).name() + " of a "
                    + type.getSimpleName(), e);
        }
        return convert(v, schema.field(i).type());
    }

    /** A record read in place. */
    private final class RecordView implements RowView {
        private final Object record;

        RecordView(Object record) {
            this.record = record;
        }

        @Override
        public Schema schema() {
            return schema;
        }

        @Override
        public Object get(int i) {
            return value(record, i);
        }

        @Override
        public String toString() {
            return RowView.describe(this);
        }
    }

    /**
     * The record of one row of {@link #schema()}: the reverse of {@link #toRow}. JSON fields are read into the
     * component's declared type (lists, maps, nested records); the record's own constructor checks the values.
     *
     * @throws IllegalArgumentException naming the record and the field when the row has another schema, a required
     *                                  field is empty, a text is no valid UUID / enum constant / JSON of its type,
     *                                  or the record's constructor rejects a value
     */
    @SuppressWarnings("unchecked")
    public T fromRow(Row row) {
        Checks.notNull("row", row);
        if (!row.schema().equals(schema)) {
            throw new IllegalArgumentException("a row of " + row.schema().names() + " is not a "
                    + type.getSimpleName() + " row " + schema.names());
        }
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            try {
                args[i] = component(row.get(i), components[i].getType(), components[i].getGenericType());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(type.getSimpleName() + " field '" + components[i].getName() + "': "
                        + e.getMessage(), e);
            }
        }
        try {
            return (T) constructor.invokeWithArguments(args);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(type.getSimpleName() + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("could not make a " + type.getSimpleName() + " from " + row, e);
        }
    }

    private static Object component(Object v, Class<?> raw, Type generic) {
        if (raw == Optional.class) {
            Type inner = generic instanceof ParameterizedType p
                    ? p.getActualTypeArguments()[0] : Object.class;
            Class<?> innerRaw = inner instanceof Class<?> c ? c
                    : inner instanceof ParameterizedType p ? (Class<?>) p.getRawType() : Object.class;
            return v == null ? Optional.empty() : Optional.of(component(v, innerRaw, inner));
        }
        if (v == null) {
            if (raw.isPrimitive()) {
                throw new IllegalArgumentException("is required but was empty");
            }
            return null;
        }
        if (raw == int.class || raw == Integer.class) {
            return (int) narrow((Long) v, Integer.MIN_VALUE, Integer.MAX_VALUE, "an int");
        }
        if (raw == short.class || raw == Short.class) {
            return (short) narrow((Long) v, Short.MIN_VALUE, Short.MAX_VALUE, "a short");
        }
        if (raw == byte.class || raw == Byte.class) {
            return (byte) narrow((Long) v, Byte.MIN_VALUE, Byte.MAX_VALUE, "a byte");
        }
        if (raw == float.class || raw == Float.class) {
            return ((Double) v).floatValue();
        }
        if (raw == char.class || raw == Character.class) {
            String text = (String) v;
            if (text.length() != 1) {
                throw new IllegalArgumentException("'" + text + "' is not one character");
            }
            return text.charAt(0);
        }
        if (raw == UUID.class) {
            return UUID.fromString((String) v);
        }
        if (raw.isEnum()) {
            return enumConstant(raw, (String) v);
        }
        if (Schema.typeOf(raw) == FieldType.JSON) {
            try {
                return Json.mapper().readValue((String) v, Json.mapper().constructType(generic));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("is not a " + generic.getTypeName() + ": "
                        + e.getOriginalMessage(), e);
            }
        }
        return v;
    }

    /** A row's long for a narrower component, refused rather than wrapped round when it does not fit. */
    private static long narrow(long v, long min, long max, String type) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(v + " does not fit in " + type);
        }
        return v;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> raw, String name) {
        try {
            return Enum.valueOf((Class) raw, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is not one of "
                    + Arrays.toString(raw.getEnumConstants()), e);
        }
    }

    private static Object convert(Object v, FieldType type) {
        if (v instanceof Optional<?> o) {
            v = o.orElse(null);
        }
        if (v == null) {
            return null;
        }
        return switch (type) {
            case LONG -> ((Number) v).longValue();
            case DOUBLE -> ((Number) v).doubleValue();
            case DECIMAL -> v instanceof BigDecimal ? v : new BigDecimal(v.toString());
            case STRING -> v instanceof Enum<?> e ? e.name() : v.toString();
            case JSON -> Json.write(v);
            default -> v;
        };
    }
}

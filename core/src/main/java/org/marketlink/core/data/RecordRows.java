package org.marketlink.core.data;

import org.marketlink.core.internal.Checks;
import org.marketlink.core.io.Json;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Turns records of one class into {@link Row}s of {@link Schema#of(Class)}, so rules and stages written for rows
 * run on domain records. The accessors are looked up once; each conversion then calls them directly. Integers
 * widen to long, floats to double, enums and UUIDs become text, {@code Optional}s their content or empty, and
 * lists, maps and nested records their JSON.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the record type
 */
public final class RecordRows<T extends Record> {
    private final Schema schema;
    private final MethodHandle[] accessors;

    private RecordRows(Class<T> type) {
        this.schema = Schema.of(type);
        RecordComponent[] components = type.getRecordComponents();
        this.accessors = new MethodHandle[components.length];
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        for (int i = 0; i < components.length; i++) {
            try {
                accessors[i] = lookup.unreflect(components[i].getAccessor());
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException("record " + type.getName() + " is not public", e);
            }
        }
    }

    public static <T extends Record> RecordRows<T> of(Class<T> type) {
        return new RecordRows<>(Checks.notNull("type", type));
    }

    public Schema schema() {
        return schema;
    }

    /** The row of one record. */
    public Row toRow(T record) {
        Checks.notNull("record", record);
        Object[] values = new Object[accessors.length];
        for (int i = 0; i < accessors.length; i++) {
            Object v;
            try {
                v = accessors[i].invoke(record);
            } catch (Throwable e) {
                throw new IllegalStateException("could not read " + schema.field(i).name() + " of " + record, e);
            }
            values[i] = convert(v, schema.field(i).type());
        }
        return Row.of(schema, values);
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

package org.marketlink.store.governance;

import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether rows written with one version of a dataset's schema can be read with another.
 *
 * <ul>
 *   <li><b>backward</b>: the new schema reads old rows. Breaks when the new schema adds a required field (old rows do
 *       not have it) or changes a field's type to one old values cannot be widened to;</li>
 *   <li><b>forward</b>: the old schema reads new rows. Breaks when a field the old schema requires is removed or
 *       becomes optional, or a type changes.</li>
 * </ul>
 * Adding an optional field is compatible both ways. Widening {@code LONG} to {@code DOUBLE} or {@code DECIMAL} is
 * backward compatible only.
 *
 * @param backward         the new schema reads old rows
 * @param forward          the old schema reads new rows
 * @param backwardBreaking one message per field that breaks backward compatibility
 * @param forwardBreaking  one message per field that breaks forward compatibility
 */
public record SchemaCompatibility(boolean backward, boolean forward, List<String> backwardBreaking,
                                  List<String> forwardBreaking) {
    /** Copies the lists. */
    public SchemaCompatibility {
        backwardBreaking = List.copyOf(backwardBreaking);
        forwardBreaking = List.copyOf(forwardBreaking);
    }

    /** Compares {@code next} with {@code previous}. */
    public static SchemaCompatibility of(Schema previous, Schema next) {
        List<String> backward = new ArrayList<>();
        List<String> forward = new ArrayList<>();
        for (Field f : next.fields()) {
            if (!previous.has(f.name())) {
                if (!f.nullable()) {
                    backward.add("field '" + f.name() + "' is new and required: rows written before have no value");
                }
                continue;
            }
            Field old = previous.field(previous.indexOf(f.name()));
            if (old.type() != f.type()) {
                if (!widens(old.type(), f.type())) {
                    backward.add("field '" + f.name() + "' changed type from " + old.type() + " to " + f.type());
                }
                forward.add("field '" + f.name() + "' changed type from " + old.type() + " to " + f.type());
            }
            if (!old.nullable() && f.nullable()) {
                forward.add("field '" + f.name() + "' became optional: readers of the old schema require it");
            }
            if (old.nullable() && !f.nullable()) {
                backward.add("field '" + f.name() + "' became required: rows written before may not have it");
            }
        }
        for (Field old : previous.fields()) {
            if (!next.has(old.name()) && !old.nullable()) {
                forward.add("required field '" + old.name() + "' was removed: readers of the old schema need it");
            }
        }
        return new SchemaCompatibility(backward.isEmpty(), forward.isEmpty(), backward, forward);
    }

    /** Whether a value of type {@code from} can be read as {@code to} without loss. */
    static boolean widens(FieldType from, FieldType to) {
        return from == FieldType.LONG && (to == FieldType.DOUBLE || to == FieldType.DECIMAL);
    }

    /** Compatible both ways. */
    public boolean full() {
        return backward && forward;
    }
}

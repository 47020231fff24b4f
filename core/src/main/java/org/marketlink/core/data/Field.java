package org.marketlink.core.data;

import org.marketlink.core.internal.Checks;

/**
 * A named, typed column of a {@link Schema}.
 *
 * @param name     unique within its schema
 * @param type     value type
 * @param nullable whether the field may be empty
 */
public record Field(String name, FieldType type, boolean nullable) implements java.io.Serializable {
    public Field {
        name = Checks.notBlank("name", name);
        Checks.notNull("type", type);
    }

    public static Field required(String name, FieldType type) {
        return new Field(name, type, false);
    }

    public static Field optional(String name, FieldType type) {
        return new Field(name, type, true);
    }
}

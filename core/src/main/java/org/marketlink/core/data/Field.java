package org.marketlink.core.data;

import org.marketlink.core.Checks;

import java.io.Serializable;

/**
 * A named, typed column of a {@link Schema}. Whether it holds personal data travels with it (to Spark executors
 * too): the library never prints, logs or throws the value of a {@link #personal()} field.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name     unique within its schema
 * @param type     value type
 * @param nullable whether the field may be empty
 * @param personal whether the field holds personal data, shown as {@code ***} wherever the library shows values
 *
 * @serial exclude
 */
public record Field(String name, FieldType type, boolean nullable, boolean personal) implements Serializable {
    /** What the value of a personal field is shown as. */
    public static final String MASK = "***";

    /** Validates the name and type. */
    public Field {
        name = Checks.notBlank("name", name);
        Checks.notNull("type", type);
    }

    /** A field that does not hold personal data. */
    public Field(String name, FieldType type, boolean nullable) {
        this(name, type, nullable, false);
    }

    /** A field that must hold a value. */
    public static Field required(String name, FieldType type) {
        return new Field(name, type, false);
    }

    /** A field that may be empty. */
    public static Field optional(String name, FieldType type) {
        return new Field(name, type, true);
    }

    /** {@code value} as text for people: {@link #MASK} when this field holds personal data. */
    public String shown(Object value) {
        return personal ? MASK : String.valueOf(value);
    }

    /** This field, marked as holding personal data. */
    public Field asPersonal() {
        return new Field(name, type, nullable, true);
    }
}

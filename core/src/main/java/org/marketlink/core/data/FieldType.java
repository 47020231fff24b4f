package org.marketlink.core.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** The value types a {@link Schema} field can hold, with the Java class of their values. */
public enum FieldType {
    /** Text, held as {@code String}. */
    STRING(String.class),
    /** A whole number, held as {@code Long}. */
    LONG(Long.class),
    /** A floating-point number, held as {@code Double}. */
    DOUBLE(Double.class),
    /** An exact decimal, held as {@code BigDecimal}. */
    DECIMAL(BigDecimal.class),
    /** True or false, held as {@code Boolean}. */
    BOOLEAN(Boolean.class),
    /** A calendar date, held as {@code LocalDate}. */
    DATE(LocalDate.class),
    /** An instant, held as {@code Instant} (UTC). */
    TIMESTAMP(Instant.class),
    /** JSON text (lists, maps, nested records), held as a {@code String}. */
    JSON(String.class);

    private final Class<?> javaType;

    FieldType(Class<?> javaType) {
        this.javaType = javaType;
    }

    /** The class a non-null value of this type has in a {@link Row}. */
    public Class<?> javaType() {
        return javaType;
    }
}

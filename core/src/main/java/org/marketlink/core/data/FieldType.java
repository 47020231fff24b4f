package org.marketlink.core.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** The value types a {@link Schema} field can hold, with the Java class of their values. */
public enum FieldType {
    STRING(String.class),
    LONG(Long.class),
    DOUBLE(Double.class),
    DECIMAL(BigDecimal.class),
    BOOLEAN(Boolean.class),
    DATE(LocalDate.class),
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

package org.marketlink.spark.data;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;

import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads Spark rows of one struct as MarketLink {@link Row}s of one schema. {@link #bind} matches the schema's
 * fields to the struct's columns by name once and checks their types, so that reading a row is a loop over
 * positions with no look-up.
 *
 * <p>Dates and timestamps arrive as {@code java.sql} or {@code java.time} values depending on the session's
 * {@code spark.sql.datetime.java8API.enabled}; both are read.
 *
 * <p>Immutable, thread-safe and serializable (it travels to executors).
 *
 * <p>The serialized form carries the object between JVMs of one MarketLink version; it is not a stored format.
 * @serial exclude
 */
public final class SparkRowReader implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Schema schema;
    /** For each schema field, the position of its column in the Spark row. */
    private final int[] positions;
    /** For each schema field, whether Spark hands its values over in the Java class the field holds already. */
    private final boolean[] asIs;

    private SparkRowReader(Schema schema, int[] positions, boolean[] asIs) {
        this.schema = schema;
        this.positions = positions;
        this.asIs = asIs;
    }

    /** A reader of rows of {@code struct} as rows of the schema derived from it ({@link SparkSchemas#toSchema}). */
    public static SparkRowReader of(StructType struct) {
        return bind(struct, SparkSchemas.toSchema(struct));
    }

    /**
     * A reader of rows of {@code struct} as rows of {@code schema}; extra Spark columns are ignored.
     *
     * @throws IllegalArgumentException naming the column when the struct lacks a field of the schema, or holds it in
     *                                  a type that cannot be read as the field's type
     */
    public static SparkRowReader bind(StructType struct, Schema schema) {
        int[] positions = new int[schema.size()];
        boolean[] asIs = new boolean[schema.size()];
        for (int i = 0; i < schema.size(); i++) {
            Field f = schema.field(i);
            int p = SparkSchemas.position(struct, f.name());
            StructField column = struct.fields()[p];
            if (!SparkSchemas.readable(column.dataType(), f.type())) {
                throw new IllegalArgumentException("column '" + f.name() + "' is " + column.dataType().simpleString()
                        + " in the Dataset, which cannot be read as " + f.type());
            }
            positions[i] = p;
            DataType t = column.dataType();
            asIs[i] = t.equals(DataTypes.StringType) || t.equals(DataTypes.LongType) || t.equals(DataTypes.DoubleType)
                    || t.equals(DataTypes.BooleanType) || (t instanceof DecimalType && f.type() == FieldType.DECIMAL);
        }
        return new SparkRowReader(schema, positions, asIs);
    }

    /** The schema the rows are read as. */
    public Schema schema() {
        return schema;
    }

    /**
     * The MarketLink row of one Spark row.
     *
     * @throws IllegalArgumentException naming the field and the value when a required field is empty or a value
     *                                  does not fit its field
     */
    public Row read(org.apache.spark.sql.Row row) {
        Object[] values = new Object[positions.length];
        for (int i = 0; i < positions.length; i++) {
            Object v = row.get(positions[i]);
            values[i] = v == null || asIs[i] ? v : convert(v, schema.field(i).type());
        }
        return Row.of(schema, values);
    }

    private static Object convert(Object v, FieldType type) {
        return switch (type) {
            case LONG -> v instanceof Number n ? (Object) n.longValue() : v;
            case DOUBLE -> v instanceof Number n && !(v instanceof Double) ? (Object) n.doubleValue() : v;
            case DECIMAL -> v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                    ? BigDecimal.valueOf(((Number) v).longValue()) : v;
            case DATE -> v instanceof Date d ? d.toLocalDate() : v;
            case TIMESTAMP -> timestamp(v);
            default -> v;
        };
    }

    private static Object timestamp(Object v) {
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        return v;
    }

    /** A {@code java.time} value as Spark's row encoder wants it under the session's date-time setting. */
    static Object toSpark(Object v, boolean java8Api) {
        if (java8Api) {
            return v;
        }
        if (v instanceof LocalDate d) {
            return Date.valueOf(d);
        }
        if (v instanceof Instant t) {
            return Timestamp.from(t);
        }
        return v;
    }
}

package org.marketlink.spark.data;

import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;

import java.io.Serializable;

/**
 * Writes MarketLink {@link Row}s of one schema as Spark rows of {@link #struct()}, in field order.
 *
 * <p>Immutable, thread-safe and serializable (it travels to executors).
 *
 * <p>The serialized form carries the object between JVMs of one MarketLink version; it is not a stored format.
 * @serial exclude
 */
public final class SparkRowWriter implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Schema schema;
    private final StructType struct;
    private final boolean java8Api;

    private SparkRowWriter(Schema schema, StructType struct, boolean java8Api) {
        this.schema = schema;
        this.struct = struct;
        this.java8Api = java8Api;
    }

    /**
     * A writer for rows of {@code schema}, with decimal types taken from same-named columns of {@code like} and
     * dates and times in the form {@code session}'s row encoder expects.
     */
    public static SparkRowWriter of(SparkSession session, Schema schema, StructType like) {
        boolean java8 = Boolean.parseBoolean(session.conf().get("spark.sql.datetime.java8API.enabled", "false"));
        return new SparkRowWriter(schema, SparkSchemas.toStructType(schema, like), java8);
    }

    /** The schema of the rows written. */
    public Schema schema() {
        return schema;
    }

    /** The Spark struct of the rows written. */
    public StructType struct() {
        return struct;
    }

    /**
     * The Spark row of one MarketLink row of this writer's schema.
     *
     * @throws IllegalArgumentException when the row has another schema
     */
    public org.apache.spark.sql.Row write(Row row) {
        if (!row.schema().equals(schema)) {
            throw new IllegalArgumentException("expected a row of " + schema.names() + ", got one of "
                    + row.schema().names());
        }
        return RowFactory.create(values(row, 0));
    }

    /**
     * The row's values as Spark wants them, in an array with {@code extra} empty places at the end (for columns the
     * caller adds).
     */
    public Object[] values(Row row, int extra) {
        Object[] out = new Object[schema.size() + extra];
        for (int i = 0; i < schema.size(); i++) {
            Object v = row.get(i);
            out[i] = v == null ? null : SparkRowReader.toSpark(v, java8Api);
        }
        return out;
    }

    /** Whether dates and times are written as {@code java.time} values. */
    boolean java8Api() {
        return java8Api;
    }
}

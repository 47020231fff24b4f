package org.marketlink.spark.data;

import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.InputAdapter;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Schema;

import java.io.Serializable;
import java.util.Optional;

/**
 * Reads Spark's own column batches ({@link ColumnarBatch}, what a columnar scan such as Parquet's vectorized reader
 * or the in-memory cache produces) into MarketLink {@link ColumnBatch}es of one schema: each field a loop over one
 * Spark {@link ColumnVector} into a primitive array, with no Spark {@code Row} and no MarketLink row in between.
 * Dates ({@code int} days) and timestamps ({@code long} microseconds, UTC) are kept as Spark holds them, which is how
 * a {@code ColumnBatch} holds them too.
 *
 * <p>{@link #of} finds the columnar plan under a Dataset's physical plan: it is used only when the plan is a
 * columnar scan turned into rows and nothing else (so the batches are exactly the Dataset's rows, in its
 * partitions and order), and only for the column types it reads the way {@link SparkRowReader} reads them;
 * otherwise it is empty and the caller reads rows.
 *
 * <p>Immutable, thread-safe and serializable (it travels to executors); the serialized form is not a stored format.
 * @serial exclude
 */
public final class SparkColumnarReader implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int LONG = 0;
    private static final int INT = 1;
    private static final int SHORT = 2;
    private static final int BYTE = 3;
    private static final int DOUBLE = 4;
    private static final int FLOAT = 5;
    private static final int STRING = 6;
    private static final int BOOLEAN = 7;
    private static final int DATE = 8;
    private static final int TIMESTAMP = 9;
    private static final int DECIMAL = 10;

    private final Schema schema;
    private final int[] positions;
    private final int[] kinds;
    private final int[] precision;
    private final int[] scale;

    private SparkColumnarReader(Schema schema, int[] positions, int[] kinds, int[] precision, int[] scale) {
        this.schema = schema;
        this.positions = positions;
        this.kinds = kinds;
        this.precision = precision;
        this.scale = scale;
    }

    /**
     * The columnar plan of a physical plan, when it is a columnar scan turned into rows and nothing more.
     *
     * @param executed a Dataset's {@code queryExecution().executedPlan()}
     * @return the plan whose {@code executeColumnar()} gives the Dataset's rows as column batches, or empty
     */
    public static Optional<SparkPlan> columnarScan(SparkPlan executed) {
        SparkPlan plan = executed;
        if (plan instanceof WholeStageCodegenExec w) {
            plan = w.child();
        }
        if (!(plan instanceof ColumnarToRowExec c)) {
            return Optional.empty();
        }
        plan = c.child();
        if (plan instanceof InputAdapter a) {
            plan = a.child();
        }
        return plan.supportsColumnar() ? Optional.of(plan) : Optional.empty();
    }

    /**
     * A reader of batches of {@code struct} (the columnar plan's output) as batches of {@code schema}, when every
     * field's column has a type this reads as {@link SparkRowReader} would.
     *
     * @param struct the batches' columns
     * @param schema the fields wanted, each in a column of the same name
     * @return the reader, or empty when a field's column has a type only rows read
     */
    public static Optional<SparkColumnarReader> of(StructType struct, Schema schema) {
        int n = schema.size();
        int[] positions = new int[n];
        int[] kinds = new int[n];
        int[] precision = new int[n];
        int[] scale = new int[n];
        for (int i = 0; i < n; i++) {
            Field f = schema.field(i);
            int p = SparkSchemas.position(struct, f.name());
            StructField column = struct.fields()[p];
            DataType t = column.dataType();
            int kind = kind(t, f.type());
            if (kind < 0) {
                return Optional.empty();
            }
            if (t instanceof DecimalType d) {
                precision[i] = d.precision();
                scale[i] = d.scale();
            }
            positions[i] = p;
            kinds[i] = kind;
        }
        return Optional.of(new SparkColumnarReader(schema, positions, kinds, precision, scale));
    }

    /** How a column of Spark type {@code t} is read as {@code wanted}; -1 when only rows read it. */
    private static int kind(DataType t, FieldType wanted) {
        return switch (wanted) {
            case LONG -> t.equals(DataTypes.LongType) ? LONG : t.equals(DataTypes.IntegerType) ? INT
                    : t.equals(DataTypes.ShortType) ? SHORT : t.equals(DataTypes.ByteType) ? BYTE : -1;
            case DOUBLE -> t.equals(DataTypes.DoubleType) ? DOUBLE : t.equals(DataTypes.FloatType) ? FLOAT : -1;
            case STRING -> t.equals(DataTypes.StringType) ? STRING : -1;
            case BOOLEAN -> t.equals(DataTypes.BooleanType) ? BOOLEAN : -1;
            case DATE -> t.equals(DataTypes.DateType) ? DATE : -1;
            case TIMESTAMP -> t.equals(DataTypes.TimestampType) ? TIMESTAMP : -1;
            case DECIMAL -> t instanceof DecimalType ? DECIMAL : -1;
            case JSON -> -1;
        };
    }

    /** The schema of the batches this makes. */
    public Schema schema() {
        return schema;
    }

    /**
     * Reads one Spark batch into {@code out}, numbering its rows from {@code firstRowNumber}.
     *
     * @param in             a Spark batch of the plan's output
     * @param out            a batch of this reader's schema with room for {@code in.numRows()} rows
     * @param firstRowNumber the number of the batch's first row
     * @throws IllegalArgumentException naming the field when a required field is empty, as a row would be refused
     */
    public void read(ColumnarBatch in, ColumnBatch out, long firstRowNumber) {
        int n = in.numRows();
        for (int i = 0; i < positions.length; i++) {
            ColumnVector v = in.column(positions[i]);
            boolean[] nulls = out.nulls(i);
            boolean any = v.hasNull();
            if (any && !schema.field(i).nullable()) {
                throw new IllegalArgumentException("field '" + schema.field(i).name() + "' is required but was empty");
            }
            for (int r = 0; r < n; r++) {
                nulls[r] = any && v.isNullAt(r);
            }
            switch (kinds[i]) {
                case LONG -> {
                    long[] a = out.longs(i);
                    for (int r = 0; r < n; r++) {
                        a[r] = nulls[r] ? 0L : v.getLong(r);
                    }
                }
                case INT -> {
                    long[] a = out.longs(i);
                    for (int r = 0; r < n; r++) {
                        a[r] = nulls[r] ? 0L : v.getInt(r);
                    }
                }
                case SHORT -> {
                    long[] a = out.longs(i);
                    for (int r = 0; r < n; r++) {
                        a[r] = nulls[r] ? 0L : v.getShort(r);
                    }
                }
                case BYTE -> {
                    long[] a = out.longs(i);
                    for (int r = 0; r < n; r++) {
                        a[r] = nulls[r] ? 0L : v.getByte(r);
                    }
                }
                case DOUBLE -> {
                    double[] a = out.doubles(i);
                    for (int r = 0; r < n; r++) {
                        a[r] = nulls[r] ? 0d : v.getDouble(r);
                    }
                }
                case FLOAT -> {
                    double[] a = out.doubles(i);
                    for (int r = 0; r < n; r++) {
                        a[r] = nulls[r] ? 0d : v.getFloat(r);
                    }
                }
                case STRING -> {
                    String[] a = out.texts(i);
                    for (int r = 0; r < n; r++) {
                        a[r] = nulls[r] ? null : v.getUTF8String(r).toString();
                    }
                }
                case BOOLEAN -> {
                    boolean[] a = out.booleans(i);
                    for (int r = 0; r < n; r++) {
                        a[r] = !nulls[r] && v.getBoolean(r);
                    }
                }
                case DATE -> {
                    int[] a = out.dates(i);
                    for (int r = 0; r < n; r++) {
                        a[r] = nulls[r] ? 0 : v.getInt(r);
                    }
                }
                case TIMESTAMP -> {
                    long[] a = out.timestamps(i);
                    for (int r = 0; r < n; r++) {
                        a[r] = nulls[r] ? 0L : v.getLong(r);
                    }
                }
                case DECIMAL -> {
                    for (int r = 0; r < n; r++) {
                        out.set(i, r, nulls[r] ? null : v.getDecimal(r, precision[i], scale[i]).toJavaBigDecimal());
                    }
                }
                default -> throw new IllegalStateException("kind " + kinds[i]);
            }
        }
        long[] numbers = out.rowNumbers();
        for (int r = 0; r < n; r++) {
            numbers[r] = firstRowNumber + r;
        }
        out.setSize(n);
    }
}

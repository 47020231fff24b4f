package org.marketlink.spark.data;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Translates between Spark's {@link StructType} and MarketLink's {@link Schema}.
 *
 * <p>Spark to MarketLink: strings become {@code STRING}; byte, short, int and long become {@code LONG}; float and
 * double {@code DOUBLE}; decimals {@code DECIMAL}; booleans, dates {@code BOOLEAN}, {@code DATE}; timestamps (with
 * or without time zone; the latter read as UTC) {@code TIMESTAMP}. Spark's nullability carries over. Arrays, maps,
 * structs and binary have no MarketLink field type: the error names the column.
 *
 * <p>MarketLink to Spark: the reverse, with {@code JSON} as a string and decimals as {@code decimal(38, 18)} unless a
 * Spark column of the same name says otherwise.
 *
 * <p>Stateless and thread-safe.
 */
public final class SparkSchemas {
    /** The decimal type MarketLink decimals get when nothing else is known: Spark's widest, 18 places. */
    public static final DecimalType DEFAULT_DECIMAL = DataTypes.createDecimalType(38, 18);

    /**
     * The key of a Spark column's metadata that marks it personal data ({@code true}): how
     * {@link Field#personal()} travels on a {@code Dataset}'s schema, to every executor, with no registration.
     */
    public static final String PERSONAL = "marketlink.personal";

    private SparkSchemas() {
    }

    /**
     * A copy of {@code struct} with the named columns marked personal data in their metadata (the other columns
     * and their metadata unchanged); apply it with {@code spark.createDataFrame(rows, marked)} or
     * {@code dataset.to(marked)}.
     *
     * @throws IllegalArgumentException naming a column the struct does not have
     */
    public static StructType withPersonal(StructType struct, String... columns) {
        Set<String> marked = new HashSet<>(Arrays.asList(columns));
        for (String c : marked) {
            position(struct, c);
        }
        List<StructField> out = new ArrayList<>(struct.fields().length);
        for (StructField f : struct.fields()) {
            out.add(marked.contains(f.name()) ? personal(f) : f);
        }
        return DataTypes.createStructType(out);
    }

    private static StructField personal(StructField f) {
        Metadata metadata = new MetadataBuilder().withMetadata(f.metadata()).putBoolean(PERSONAL, true).build();
        return new StructField(f.name(), f.dataType(), f.nullable(), metadata);
    }

    private static boolean isPersonal(StructField f) {
        return f.metadata().contains(PERSONAL) && f.metadata().getBoolean(PERSONAL);
    }

    /**
     * The MarketLink schema of a Spark struct; a column whose metadata holds {@link #PERSONAL} {@code true} is a
     * {@link Field#personal()} field.
     *
     * @throws IllegalArgumentException naming the column when its Spark type has no MarketLink field type
     */
    public static Schema toSchema(StructType struct) {
        List<Field> fields = new ArrayList<>(struct.fields().length);
        for (StructField f : struct.fields()) {
            fields.add(new Field(f.name(), fieldType(f.name(), f.dataType()), f.nullable(), isPersonal(f)));
        }
        return Schema.of(fields);
    }

    /** The Spark struct of a MarketLink schema. */
    public static StructType toStructType(Schema schema) {
        return toStructType(schema, new StructType());
    }

    /**
     * The Spark struct of a MarketLink schema, taking the exact decimal type of a same-named decimal column of
     * {@code like} (so that a column passed through keeps its precision and scale).
     */
    public static StructType toStructType(Schema schema, StructType like) {
        List<StructField> out = new ArrayList<>(schema.size());
        for (Field f : schema.fields()) {
            DataType t = switch (f.type()) {
                case STRING, JSON -> DataTypes.StringType;
                case LONG -> DataTypes.LongType;
                case DOUBLE -> DataTypes.DoubleType;
                case DECIMAL -> likeDecimal(like, f.name());
                case BOOLEAN -> DataTypes.BooleanType;
                case DATE -> DataTypes.DateType;
                case TIMESTAMP -> DataTypes.TimestampType;
            };
            StructField column = DataTypes.createStructField(f.name(), t, f.nullable());
            out.add(f.personal() ? personal(column) : column);
        }
        return DataTypes.createStructType(out);
    }

    /**
     * The position of column {@code name} in {@code struct}.
     *
     * @throws IllegalArgumentException naming the column and the ones the struct has, when it has no such column
     */
    public static int position(StructType struct, String name) {
        int p = Arrays.asList(struct.fieldNames()).indexOf(name);
        if (p < 0) {
            throw new IllegalArgumentException("the Dataset has no column '" + name + "' (it has "
                    + String.join(", ", struct.fieldNames()) + ")");
        }
        return p;
    }

    /** {@code struct} with every column nullable: for rows that fill only some columns (a failure, a rejection). */
    public static StructType nullable(StructType struct) {
        List<StructField> out = new ArrayList<>(struct.fields().length);
        for (StructField f : struct.fields()) {
            out.add(DataTypes.createStructField(f.name(), f.dataType(), true));
        }
        return DataTypes.createStructType(out);
    }

    private static DataType likeDecimal(StructType like, String name) {
        for (StructField f : like.fields()) {
            if (f.name().equals(name) && f.dataType() instanceof DecimalType d) {
                return d;
            }
        }
        return DEFAULT_DECIMAL;
    }

    /**
     * The MarketLink type a Spark column of type {@code type} is read as.
     *
     * @throws IllegalArgumentException naming {@code column} when there is none
     */
    public static FieldType fieldType(String column, DataType type) {
        if (type.equals(DataTypes.StringType)) {
            return FieldType.STRING;
        }
        if (type.equals(DataTypes.LongType) || type.equals(DataTypes.IntegerType) || type.equals(DataTypes.ShortType)
                || type.equals(DataTypes.ByteType)) {
            return FieldType.LONG;
        }
        if (type.equals(DataTypes.DoubleType) || type.equals(DataTypes.FloatType)) {
            return FieldType.DOUBLE;
        }
        if (type instanceof DecimalType) {
            return FieldType.DECIMAL;
        }
        if (type.equals(DataTypes.BooleanType)) {
            return FieldType.BOOLEAN;
        }
        if (type.equals(DataTypes.DateType)) {
            return FieldType.DATE;
        }
        if (type.equals(DataTypes.TimestampType) || type.equals(DataTypes.TimestampNTZType)) {
            return FieldType.TIMESTAMP;
        }
        throw new IllegalArgumentException("column '" + column + "' has Spark type " + type.simpleString()
                + ", which MarketLink cannot read (supported: string, byte/short/int/long, float/double, decimal,"
                + " boolean, date, timestamp)");
    }

    /** Whether a Spark column of type {@code type} can be read into a field of type {@code wanted}. */
    static boolean readable(DataType type, FieldType wanted) {
        FieldType have;
        try {
            have = fieldType("", type);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return switch (wanted) {
            case STRING, JSON -> have == FieldType.STRING;
            case LONG -> have == FieldType.LONG;
            case DOUBLE -> have == FieldType.DOUBLE || have == FieldType.LONG;
            case DECIMAL -> have == FieldType.DECIMAL || have == FieldType.LONG;
            default -> have == wanted;
        };
    }
}

package org.marketlink.parquet;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.Schema;

/**
 * How MarketLink's field types are written: {@code STRING} as UTF-8 binary (logical type string), {@code JSON} as
 * binary (JSON), {@code LONG} as int64, {@code DOUBLE} as double, {@code BOOLEAN} as boolean, {@code DATE} as int32
 * (date), {@code TIMESTAMP} as int64 microseconds since the epoch, UTC (timestamp, adjusted to UTC: what Spark,
 * DuckDB and Athena read; finer digits are dropped), and {@code DECIMAL} as its exact text (string): a field
 * has no fixed scale, which Parquet's decimal needs ({@code BigDecimal.toString()}: its digits and scale, exactly). A required field is {@code required}, an optional one
 * {@code optional}.
 */
final class ParquetTypes {
    private ParquetTypes() {
    }

    /** The Parquet schema of {@code schema}, named {@code marketlink}. */
    static MessageType of(Schema schema) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (int i = 0; i < schema.size(); i++) {
            message.addField(of(schema.field(i)));
        }
        return message.named("marketlink");
    }

    private static Type of(Field f) {
        Type.Repetition repetition = f.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        return switch (f.type()) {
            case STRING, DECIMAL -> Types.primitive(PrimitiveType.PrimitiveTypeName.BINARY, repetition)
                    .as(LogicalTypeAnnotation.stringType()).named(f.name());
            case JSON -> Types.primitive(PrimitiveType.PrimitiveTypeName.BINARY, repetition)
                    .as(LogicalTypeAnnotation.jsonType()).named(f.name());
            case LONG -> Types.primitive(PrimitiveType.PrimitiveTypeName.INT64, repetition).named(f.name());
            case DOUBLE -> Types.primitive(PrimitiveType.PrimitiveTypeName.DOUBLE, repetition).named(f.name());
            case BOOLEAN -> Types.primitive(PrimitiveType.PrimitiveTypeName.BOOLEAN, repetition).named(f.name());
            case DATE -> Types.primitive(PrimitiveType.PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.dateType()).named(f.name());
            case TIMESTAMP -> Types.primitive(PrimitiveType.PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
                    .named(f.name());
        };
    }
}

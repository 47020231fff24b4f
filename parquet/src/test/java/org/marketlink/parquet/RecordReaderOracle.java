package org.marketlink.parquet;

import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.Schema;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The slow, plainly correct reading that {@link ParquetColumns} must agree with: parquet-java's own record reader
 * (record assembly, a converter call per value, every value boxed) and {@link ColumnDecoder} per value. Each row is
 * its values in field order, or, where a value does not fit, the name of the first field that refused it.
 */
final class RecordReaderOracle {
    private RecordReaderOracle() {
    }

    /** Every row of {@code path} read as {@code schema}: values (instants cut to microseconds) or a failing field. */
    static List<Object[]> read(Path path, Schema schema) throws IOException {
        InputFile file = new LocalInputFile(path);
        MessageType fileSchema;
        try (ParquetFileReader footer = ParquetFileReader.open(file)) {
            fileSchema = footer.getFooter().getFileMetaData().getSchema();
        }
        List<Type> columns = new ArrayList<>();
        int[] columnOf = new int[schema.size()];
        ColumnDecoder[] decoders = new ColumnDecoder[schema.size()];
        for (int f = 0; f < schema.size(); f++) {
            Field field = schema.field(f);
            columnOf[f] = -1;
            if (fileSchema.containsField(field.name())) {
                Type column = fileSchema.getType(field.name());
                columnOf[f] = columns.size();
                columns.add(column);
                decoders[f] = ColumnDecoder.of(field, column.asPrimitiveType());
            }
        }
        MessageType projection = Types.buildMessage().addFields(columns.toArray(new Type[0])).named("projection");
        List<Object[]> rows = new ArrayList<>();
        try (ParquetReader<Object[]> reader = new Builder(file, projection).build()) {
            for (Object[] raw = reader.read(); raw != null; raw = reader.read()) {
                Object[] values = new Object[schema.size()];
                for (int f = 0; f < values.length; f++) {
                    Object v = columnOf[f] < 0 ? null : raw[columnOf[f]];
                    if (v == null) {
                        continue;
                    }
                    try {
                        values[f] = decoders[f].decode(v);
                        if (values[f] instanceof Instant t) {
                            values[f] = ColumnBatch.instantOfMicros(ColumnBatch.microsOf(t));
                        }
                    } catch (RuntimeException e) {
                        values = new Object[] {"refused by " + schema.field(f).name()};
                        break;
                    }
                }
                rows.add(values);
            }
        }
        return rows;
    }

    private static final class Builder extends ParquetReader.Builder<Object[]> {
        private final MessageType projection;

        Builder(InputFile file, MessageType projection) {
            super(file);
            this.projection = projection;
        }

        @Override
        protected ReadSupport<Object[]> getReadSupport() {
            return new RawReadSupport(projection);
        }
    }
}

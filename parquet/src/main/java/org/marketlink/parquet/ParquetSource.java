package org.marketlink.parquet;

import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.marketlink.core.Checks;
import org.marketlink.core.UnableToReadException;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Cursor;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.Source;
import org.marketlink.core.privacy.Masking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The rows of a Parquet file as rows of a schema: each field from the column of the same name (columns the schema
 * does not name are not read at all), values converted as {@link ColumnDecoder} says. A file whose columns cannot
 * serve the schema (a required field with no column, a column that is not a plain value) is refused when it is
 * opened, naming the field. A row with a value that does not fit its field, or with no value for a required field,
 * is quarantined ({@code PARSE_ERROR}, {@code INVALID_ROW}) with its values as text (personal fields masked), and
 * reading goes on, as the CSV reader does.
 *
 * <p>Immutable and thread-safe; each {@link #open()} reads the file from its start.
 */
public final class ParquetSource implements Source<Row> {
    private final Path path;
    private final Schema schema;

    private ParquetSource(Path path, Schema schema) {
        this.path = path;
        this.schema = schema;
    }

    /**
     * The rows of {@code path} as rows of {@code schema}.
     *
     * @param path   a Parquet file
     * @param schema the fields to read
     * @return the source
     */
    public static ParquetSource of(Path path, Schema schema) {
        Checks.notNull("path", path);
        Checks.notNull("schema", schema);
        return new ParquetSource(path, schema);
    }

    @Override
    public String name() {
        return path.toString();
    }

    /** The file's row count, from its footer. */
    @Override
    public OptionalLong estimatedSize() {
        try (ParquetFileReader footer = ParquetFileReader.open(new LocalInputFile(path))) {
            return OptionalLong.of(footer.getRecordCount());
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public Cursor<Row> open() {
        if (!Files.isRegularFile(path)) {
            throw new UnableToReadException("no Parquet file at " + path);
        }
        InputFile file = new LocalInputFile(path);
        MessageType fileSchema;
        try (ParquetFileReader footer = ParquetFileReader.open(file)) {
            fileSchema = footer.getFooter().getFileMetaData().getSchema();
        } catch (IOException | RuntimeException e) {
            throw new UnableToReadException("could not read the Parquet footer of " + path + ": " + e.getMessage(), e);
        }
        // the columns the schema names, in the file's order, and for each field its column and decoder
        List<Type> columns = new ArrayList<>();
        int[] columnOfField = new int[schema.size()];
        ColumnDecoder[] decoders = new ColumnDecoder[schema.size()];
        for (int f = 0; f < schema.size(); f++) {
            Field field = schema.field(f);
            columnOfField[f] = -1;
            if (!fileSchema.containsField(field.name())) {
                if (!field.nullable()) {
                    throw new IllegalArgumentException("the Parquet file " + path + " has no column for the "
                            + "required field " + field.name());
                }
                continue;
            }
            Type column = fileSchema.getType(field.name());
            if (!column.isPrimitive() || column.isRepetition(Type.Repetition.REPEATED)) {
                throw new IllegalArgumentException("column " + field.name() + " of " + path
                        + " is not a single value (a group or a list), which a field cannot hold");
            }
            columnOfField[f] = columns.size();
            columns.add(column);
            decoders[f] = ColumnDecoder.of(field, column.asPrimitiveType());
        }
        MessageType projection = Types.buildMessage().addFields(columns.toArray(new Type[0])).named("projection");
        ParquetReader<Object[]> reader;
        try {
            reader = new ReaderBuilder(file, projection).build();
        } catch (IOException e) {
            throw new UnableToReadException("could not open the Parquet file " + path + ": " + e.getMessage(), e);
        }
        return new ParquetCursor(reader, columnOfField, decoders);
    }

    private final class ParquetCursor implements Cursor<Row> {
        private final ParquetReader<Object[]> reader;
        private final int[] columnOfField;
        private final ColumnDecoder[] decoders;
        private long row;

        ParquetCursor(ParquetReader<Object[]> reader, int[] columnOfField, ColumnDecoder[] decoders) {
            this.reader = reader;
            this.columnOfField = columnOfField;
            this.decoders = decoders;
        }

        @Override
        public boolean next(RowConsumer<Row> value, Consumer<Rejection> rejected) {
            Object[] raw;
            try {
                raw = reader.read();
            } catch (IOException e) {
                throw new UnableToReadException("could not read " + path + " after row " + row + ": "
                        + e.getMessage(), e);
            }
            if (raw == null) {
                return false;
            }
            row++;
            Object[] values = new Object[schema.size()];
            for (int f = 0; f < values.length; f++) {
                int c = columnOfField[f];
                Object v = c < 0 ? null : raw[c];
                if (v == null) {
                    continue;
                }
                try {
                    values[f] = decoders[f].decode(v);
                } catch (IllegalArgumentException | DateTimeException | ArithmeticException | ClassCastException e) {
                    Field field = schema.field(f);
                    boolean pii = field.personal();
                    rejected.accept(new Rejection("PARSE_ERROR", "parquet", field.name(), field.name() + ": '"
                            + (pii ? Masking.MASK : shown(v)) + "' is not a valid " + field.type()
                            + (e.getMessage() == null || pii ? "" : " (" + e.getMessage() + ")"), text(raw), row,
                            name()));
                    return true;
                }
            }
            try {
                value.accept(Row.of(schema, values), row);
            } catch (IllegalArgumentException e) {
                rejected.accept(new Rejection("INVALID_ROW", "parquet", "", e.getMessage(), text(raw), row, name()));
            }
            return true;
        }

        /** The row's values as read, in field order, personal fields masked; made only for a rejected row. */
        private String text(Object[] raw) {
            StringBuilder b = new StringBuilder();
            for (int f = 0; f < schema.size(); f++) {
                int c = columnOfField[f];
                b.append(f == 0 ? "" : ",");
                Object v = c < 0 ? null : raw[c];
                b.append(v == null ? "" : schema.field(f).personal() ? Masking.MASK : shown(v));
            }
            return b.toString();
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException e) {
                // read to the end or stopped: nothing is lost by a failed close of a reader
            }
        }
    }

    private static String shown(Object v) {
        return v instanceof byte[] b ? "(" + b.length + " bytes)" : String.valueOf(v);
    }

    private static final class ReaderBuilder extends ParquetReader.Builder<Object[]> {
        private final MessageType projection;

        ReaderBuilder(InputFile file, MessageType projection) {
            super(file);
            this.projection = projection;
        }

        @Override
        protected ReadSupport<Object[]> getReadSupport() {
            return new RawReadSupport(projection);
        }
    }
}

package org.marketlink.parquet;

import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.marketlink.core.Checks;
import org.marketlink.core.UnableToReadException;
import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.ColumnSource;
import org.marketlink.core.pipeline.Cursor;
import org.marketlink.core.pipeline.Rejection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
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
public final class ParquetSource implements ColumnSource {
    /** The rows in each batch that {@link #open()} reads. */
    public static final int BATCH_ROWS = 4_096;

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
    public Schema schema() {
        return schema;
    }

    /**
     * Reads the file a row at a time. Rows are made from {@link #openColumns(int) column batches} of
     * {@value #BATCH_ROWS} rows; quarantined rows come out in their place in row order.
     */
    @Override
    public Cursor<Row> open() {
        return new ParquetCursor(openColumns(BATCH_ROWS));
    }

    /**
     * Reads the file a column at a time, into batches of up to {@code batchRows} rows: the fast path for code
     * that works on columns (sums, rules over columns, bulk loads).
     *
     * @param batchRows the most rows in a batch, at least 1 (a few thousand keep a batch in the CPU's cache)
     * @return the reader, to be closed by the caller
     * @throws UnableToReadException    when there is no such file or its footer cannot be read
     * @throws IllegalArgumentException when the file's columns cannot serve the schema, naming the field
     */
    @Override
    public ParquetColumns openColumns(int batchRows) {
        if (batchRows < 1) {
            throw new IllegalArgumentException("batchRows must be at least 1, not " + batchRows);
        }
        if (!Files.isRegularFile(path)) {
            throw new UnableToReadException("no Parquet file at " + path);
        }
        ParquetFileReader file;
        try {
            file = ParquetFileReader.open(new LocalInputFile(path), PageDecompressors.readOptions());
        } catch (IOException | RuntimeException e) {
            throw new UnableToReadException("could not read the Parquet footer of " + path + ": " + e.getMessage(), e);
        }
        try {
            MessageType fileSchema = file.getFooter().getFileMetaData().getSchema();
            List<Type> columns = new ArrayList<>();
            List<ColumnFiller> fillers = new ArrayList<>();
            List<Integer> absent = new ArrayList<>();
            for (int f = 0; f < schema.size(); f++) {
                Field field = schema.field(f);
                if (!fileSchema.containsField(field.name())) {
                    if (!field.nullable()) {
                        throw new IllegalArgumentException("the Parquet file " + path + " has no column for the "
                                + "required field " + field.name());
                    }
                    absent.add(f);
                    continue;
                }
                Type column = fileSchema.getType(field.name());
                if (!column.isPrimitive() || column.isRepetition(Type.Repetition.REPEATED)) {
                    throw new IllegalArgumentException("column " + field.name() + " of " + path
                            + " is not a single value (a group or a list), which a field cannot hold");
                }
                columns.add(column);
                fillers.add(ColumnFiller.of(f, field, column.asPrimitiveType()));
            }
            MessageType projection = Types.buildMessage().addFields(columns.toArray(new Type[0]))
                    .named("projection");
            file.setRequestedSchema(projection);
            return new ParquetColumns(file, projection, schema, fillers.toArray(new ColumnFiller[0]),
                    absent.stream().mapToInt(Integer::intValue).toArray(), batchRows, name());
        } catch (RuntimeException e) {
            try {
                file.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** Rows from column batches, each rejection handed on in its place among the rows. */
    private static final class ParquetCursor implements Cursor<Row> {
        private final ParquetColumns columns;
        private final ArrayDeque<Rejection> rejections = new ArrayDeque<>();
        private ColumnBatch batch;
        private int next;
        private boolean ended;

        ParquetCursor(ParquetColumns columns) {
            this.columns = columns;
        }

        @Override
        public boolean next(RowConsumer<Row> value, Consumer<Rejection> rejected) {
            if ((batch == null || next == batch.size()) && rejections.isEmpty() && !ended) {
                batch = columns.next(rejections::add);
                next = 0;
                ended = batch == null;
            }
            boolean rowLeft = batch != null && next < batch.size();
            if (!rejections.isEmpty() && (!rowLeft || rejections.peek().rowNumber() < batch.rowNumbers()[next])) {
                rejected.accept(rejections.poll());
                return true;
            }
            if (!rowLeft) {
                return false;
            }
            int r = next++;
            value.accept(batch.row(r), batch.rowNumbers()[r]);
            return true;
        }

        @Override
        public void close() {
            columns.close();
        }
    }
}

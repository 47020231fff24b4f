package org.marketlink.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.marketlink.core.Checks;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.Sink;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes rows of a schema to a CSV file with a header, quoting as needed, UTF-8. A retried chunk replaces its
 * failed attempt. {@link #complete()} closes the file. Thread-safe.
 */
public final class CsvSink implements Sink<Row>, AutoCloseable {
    private static final CsvMapper MAPPER = new CsvMapper();

    private final Path path;
    private final Schema schema;
    private final CsvSchema csv;
    private final ChunkFile file;

    private CsvSink(Path path, Schema schema) {
        this.path = path;
        this.schema = schema;
        CsvSchema.Builder builder = CsvSchema.builder();
        schema.names().forEach(builder::addColumn);
        this.csv = builder.build().withoutHeader();
        String header;
        try {
            header = MAPPER.writer(CsvSchema.emptySchema()).writeValueAsString(schema.names().toArray());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        this.file = new ChunkFile(path, header.getBytes(StandardCharsets.UTF_8));
    }

    /** A new file at {@code path} (replacing any), with the schema's field names as header. */
    public static CsvSink create(Path path, Schema schema) {
        Checks.notNull("path", path);
        Checks.notNull("schema", schema);
        return new CsvSink(path, schema);
    }

    @Override
    public String name() {
        return path.toString();
    }

    @Override
    public void write(ChunkKey key, List<Row> rows) throws Exception {
        Object[][] table = new Object[rows.size()][];
        for (int i = 0; i < table.length; i++) {
            Row row = rows.get(i);
            if (!row.schema().equals(schema)) {
                throw new IllegalArgumentException("row " + row + " is not of the sink's schema " + schema);
            }
            Object[] values = row.values();
            for (int j = 0; j < values.length; j++) {
                if (values[j] instanceof BigDecimal d) {
                    values[j] = d.toPlainString();
                } else if (values[j] != null) {
                    values[j] = values[j].toString();
                }
            }
            table[i] = values;
        }
        file.write(key.index(), MAPPER.writer(csv).writeValueAsBytes(table));
    }

    @Override
    public void complete() {
        file.close();
    }

    @Override
    public void close() {
        file.close();
    }
}

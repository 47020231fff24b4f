package org.marketlink.parquet;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.marketlink.core.Checks;
import org.marketlink.core.UnableToWriteException;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.Sink;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Writes rows of a schema to one Parquet file (replacing any), Snappy-compressed, field types as {@link ParquetTypes}
 * says; {@link #complete()} writes the footer and closes it. A chunk's values are checked before any of its rows is
 * written (a timestamp or date beyond Parquet's range fails the chunk, naming the field and the row, with nothing
 * written), so a retried chunk starts clean; a chunk that fails while it is being written (the disk is full) leaves
 * the file unusable, and every later write says so: rows cannot be taken back out of a Parquet file.
 *
 * <p>Thread-safe: writes are serialised.
 */
public final class ParquetSink implements Sink<Row>, AutoCloseable {
    private final Path path;
    private final Schema schema;
    private final ParquetWriter<Row> writer;
    private long rows;
    /** The chunk that failed part-way, or -1. */
    private long brokenBy = -1;
    private boolean closed;

    private ParquetSink(Path path, Schema schema, ParquetWriter<Row> writer) {
        this.path = path;
        this.schema = schema;
        this.writer = writer;
    }

    /**
     * A new Parquet file at {@code path} for rows of {@code schema}.
     *
     * @param path   the file, replaced when it exists
     * @param schema the rows' schema
     * @return the sink
     * @throws UnableToWriteException when the file cannot be created
     */
    public static ParquetSink create(Path path, Schema schema) {
        Checks.notNull("path", path);
        Checks.notNull("schema", schema);
        try {
            ParquetWriter<Row> writer = new Builder(new LocalOutputFile(path), schema)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .build();
            return new ParquetSink(path, schema, writer);
        } catch (IOException e) {
            throw new UnableToWriteException("could not create the Parquet file " + path + ": " + e.getMessage(), e);
        }
    }

    /** The file's path. */
    @Override
    public String name() {
        return path.toString();
    }

    /** Rows written so far. */
    public synchronized long rowsWritten() {
        return rows;
    }

    @Override
    public synchronized void write(ChunkKey key, List<Row> chunk) {
        if (closed) {
            throw new IllegalStateException("the Parquet sink " + path + " is closed");
        }
        if (brokenBy >= 0) {
            throw new UnableToWriteException("the Parquet file " + path + " holds part of chunk " + brokenBy
                    + ", which failed while it was written; rows cannot be taken back out of a Parquet file, so run "
                    + "again into a new file");
        }
        check(key, chunk);
        try {
            for (Row r : chunk) {
                writer.write(r);
            }
        } catch (IOException | RuntimeException e) {
            brokenBy = key.index();
            throw new UnableToWriteException("could not write chunk " + key.index() + " to " + path + ": "
                    + e.getClass().getName(), e);
        }
        rows += chunk.size();
    }

    /** Refuses a chunk with a row of another schema or a value Parquet cannot hold, before anything is written. */
    private void check(ChunkKey key, List<Row> chunk) {
        for (int r = 0; r < chunk.size(); r++) {
            Row row = chunk.get(r);
            if (!row.schema().equals(schema)) {
                throw new IllegalArgumentException("row " + r + " of chunk " + key.index() + " is not of the sink's schema "
                        + schema.names());
            }
            for (int i = 0; i < schema.size(); i++) {
                Field f = schema.field(i);
                Object v = row.get(i);
                try {
                    if (f.type() == FieldType.TIMESTAMP && v != null) {
                        RowWriteSupport.micros((Instant) v);
                    } else if (f.type() == FieldType.DATE && v != null) {
                        Math.toIntExact(((LocalDate) v).toEpochDay());
                    }
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException(f.name() + " of row " + r + " of chunk " + key.index()
                            + " is beyond what Parquet's " + f.type() + " holds");
                }
            }
        }
    }

    /** Writes the footer and closes the file. */
    @Override
    public synchronized void complete() {
        close();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.close();
        } catch (IOException e) {
            throw new UnableToWriteException("could not finish the Parquet file " + path + ": " + e.getMessage(), e);
        }
    }

    /** parquet-java's builder for a writer of rows. */
    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
        private final Schema schema;

        Builder(OutputFile file, Schema schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(Configuration conf) {
            return new RowWriteSupport(schema);
        }
    }
}

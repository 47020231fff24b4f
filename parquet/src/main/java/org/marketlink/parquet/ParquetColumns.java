package org.marketlink.parquet;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.MessageType;
import org.marketlink.core.UnableToReadException;
import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.ColumnCursor;
import org.marketlink.core.pipeline.Rejection;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A Parquet file read a column at a time into {@link ColumnBatch}es: each row group's column chunks are decoded
 * straight into the batch's primitive arrays (no record assembly, no object per number, date or time; a
 * dictionary-encoded value costs an array lookup). The fastest way to read a file MarketLink offers; the rows of
 * {@link ParquetSource#open()} are made from these batches. Rows that do not fit the schema are quarantined, as
 * {@link ParquetSource} describes, before their batch is handed out.
 *
 * <p>Obtained from {@link ParquetSource#openColumns(int)}; the caller closes it. One batch is refilled on each
 * {@link #next}: a caller that keeps values keeps copies. Not thread-safe: one reader, one thread.
 */
public final class ParquetColumns implements ColumnCursor {
    private final ParquetFileReader file;
    private final ColumnBatch batch;
    private final ColumnFiller[] fillers;
    /** The fields of the schema that have no column in the file: always empty. */
    private final int[] absentFields;
    private final RowFailures failures;
    private final String name;
    private final ColumnChunkDecoder[] decoders;
    private final List<ColumnDescriptor> columns;
    private long remainingInGroup;
    private long nextRowNumber = 1;

    ParquetColumns(ParquetFileReader file, MessageType projection, Schema schema, ColumnFiller[] fillers,
                   int[] absentFields, int batchRows, String name) {
        this.file = file;
        this.batch = ColumnBatch.allocate(schema, batchRows);
        this.fillers = fillers;
        this.absentFields = absentFields;
        this.name = name;
        this.failures = new RowFailures(schema, name, batchRows);
        this.decoders = new ColumnChunkDecoder[fillers.length];
        this.columns = projection.getColumns();
        for (int c = 0; c < fillers.length; c++) {
            fillers[c].bind(batch, failures);
            decoders[c] = new ColumnChunkDecoder(columns.get(c), fillers[c]);
        }
    }

    /**
     * The next rows of the file, at most the batch size, none of them quarantined; rows quarantined on the way are
     * handed to {@code rejected} first, in row order.
     *
     * @param rejected where rows that do not fit the schema go
     * @return the batch (the same object each time, refilled), or null when the file has no more rows
     * @throws UnableToReadException when the file cannot be read
     */
    @Override
    public ColumnBatch next(Consumer<Rejection> rejected) {
        while (true) {
            if (remainingInGroup == 0 && !nextRowGroup()) {
                return null;
            }
            int n = (int) Math.min(batch.capacity(), remainingInGroup);
            boolean requiredEmpty = fill(n);
            remainingInGroup -= n;
            failures.reject(batch, rejected, requiredEmpty);
            if (batch.size() > 0) {
                return batch;
            }
        }
    }

    /** Fills the batch with the group's next {@code n} rows; returns whether a required field has an empty row. */
    private boolean fill(int n) {
        failures.reset(batch.capacity());
        boolean requiredEmpty = false;
        for (int f : absentFields) {
            Arrays.fill(batch.nulls(f), 0, n, true);
            requiredEmpty |= !batch.schema().field(f).nullable();
        }
        for (int c = 0; c < fillers.length; c++) {
            int field = fillers[c].field;
            try {
                int empty = decoders[c].read(n, batch.nulls(field));
                requiredEmpty |= empty > 0 && !batch.schema().field(field).nullable();
            } catch (IOException | RuntimeException e) {
                throw unreadable(e);
            }
        }
        long[] rowNumbers = batch.rowNumbers();
        for (int r = 0; r < n; r++) {
            rowNumbers[r] = nextRowNumber++;
        }
        batch.setSize(n);
        return requiredEmpty;
    }

    private boolean nextRowGroup() {
        try {
            PageReadStore pages = file.readNextRowGroup();
            if (pages == null) {
                return false;
            }
            remainingInGroup = pages.getRowCount();
            for (int c = 0; c < decoders.length; c++) {
                decoders[c].start(pages.getPageReader(columns.get(c)));
            }
            return true;
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
    }

    private UnableToReadException unreadable(Exception e) {
        return new UnableToReadException("could not read " + name + " after row " + (nextRowNumber - 1) + ": "
                + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            // read to the end or stopped: nothing is lost by a failed close of a reader
        }
    }
}

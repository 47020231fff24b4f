package org.marketlink.core.pipeline;

import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;

/**
 * A source that can also be read a column at a time, into {@link org.marketlink.core.data.ColumnBatch}es of its
 * schema: {@code CsvSource} and {@code JdbcSource} in core, {@code ParquetSource} in {@code marketlink-parquet}.
 * The batches hold exactly the rows {@link #open()} gives, with the same row numbers, and the same rows are
 * quarantined for the same reasons. Each {@link #openColumns} reads from the start. The sources MarketLink makes
 * are immutable and may be opened from any thread; each cursor they open belongs to one thread.
 */
public interface ColumnSource extends Source<Row> {

    /** The schema of the rows and batches. */
    Schema schema();

    /**
     * Reads the source a column at a time.
     *
     * @param batchRows the most rows in a batch, at least 1 (a few thousand keep a batch in the CPU's cache)
     * @return the reader, to be closed by the caller
     * @throws IllegalArgumentException when {@code batchRows} is below 1
     * @throws org.marketlink.core.UnableToReadException when the source cannot be opened
     */
    ColumnCursor openColumns(int batchRows);
}

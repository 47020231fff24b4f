package org.marketlink.core.pipeline;

import org.marketlink.core.data.ColumnBatch;

import java.util.function.Consumer;

/**
 * Rows of a source read as {@link ColumnBatch}es: the column-at-a-time counterpart of {@link Cursor}, for code that
 * works on columns (rules over columns, sums, bulk loads). One batch is refilled on each {@link #next}: a caller
 * that keeps values keeps copies. Not thread-safe: one reader, one thread. Rows are numbered as the source numbers
 * them ({@link ColumnBatch#rowNumbers()}), so rows quarantined on the way leave gaps.
 */
public interface ColumnCursor extends AutoCloseable {

    /**
     * The next rows, at most the batch's capacity and at least one, none of them quarantined; rows quarantined on
     * the way are handed to {@code rejected} first, in row order.
     *
     * @param rejected where rows that do not fit the schema go, each with its reason code and raw text
     * @return the batch (the same object each time, refilled), or null when the source has no more rows
     * @throws org.marketlink.core.UnableToReadException when the source cannot be read
     */
    ColumnBatch next(Consumer<Rejection> rejected);

    /** Releases the source (a file, a connection); never throws. */
    @Override
    void close();
}

package org.marketlink.core.pipeline;

import java.util.function.Consumer;

/**
 * Reads a source one row at a time. A row that cannot be read (a cell that does not parse, a ragged line) is
 * handed over as a {@link Rejection} and reading goes on. Not thread-safe.
 *
 * @param <T> row type
 */
public interface Cursor<T> extends AutoCloseable {

    /**
     * Reads the next row into {@code value}, or its rejection into {@code rejected}.
     *
     * @return false at the end of the source
     */
    boolean next(RowConsumer<T> value, Consumer<Rejection> rejected);

    @Override
    void close();

    /** Receives one row and its 1-based number in the source. */
    @FunctionalInterface
    interface RowConsumer<T> {
        /** Takes one row and its number in the source (1-based). */
        void accept(T row, long rowNumber);
    }
}

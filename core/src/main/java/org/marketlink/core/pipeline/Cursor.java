package org.marketlink.core.pipeline;

import java.util.function.Consumer;

/**
 * Reads a source one row at a time. A row that cannot be read (a cell that does not parse, a ragged line) is
 * handed over as a {@link Rejection} and reading goes on. Not thread-safe, except {@link #committed}, which the
 * runner calls from the thread that writes (see there).
 *
 * <p>An unbounded source (a queue, a topic) waits a short while for a row and, when none came, returns
 * {@code true} having handed nothing over: the runner then closes a chunk that is old enough
 * ({@link RunOptions#maxLatency()}) and sees a cancellation, so a quiet source neither holds rows back nor blocks a
 * stop.
 *
 * @param <T> row type
 */
public interface Cursor<T> extends AutoCloseable {

    /**
     * Reads the next row into {@code value}, or its rejection into {@code rejected}, or (an unbounded source that
     * waited in vain) nothing.
     *
     * @param value    receives the row
     * @param rejected receives the row's rejection instead
     * @return false at the end of the source
     */
    boolean next(RowConsumer<T> value, Consumer<Rejection> rejected);

    /**
     * Where the source stands after the last row handed over, for a later {@link #committed}: for example a topic's
     * next offset per partition. Asked on the reading thread when a chunk is closed. A source without positions
     * returns {@code null} (the default).
     *
     * @return an immutable position, or {@code null}
     */
    default Object position() {
        return null;
    }

    /**
     * The rows up to {@code position} (one this cursor gave) are durable: the cursor may record it, for example
     * commit its offsets. Called in source order on the thread that writes, which with {@code parallelism > 1} is
     * not the reading thread: a cursor whose client is single-threaded (Kafka's consumer) hands the position to
     * its reading thread. Must not block for long. The default does nothing.
     *
     * @param position a position this cursor returned from {@link #position()}
     */
    default void committed(Object position) {
    }

    @Override
    void close();

    /** Receives one row and its 1-based number in the source. */
    @FunctionalInterface
    interface RowConsumer<T> {
        /** Takes one row and its number in the source (1-based). */
        void accept(T row, long rowNumber);

        /**
         * Takes a row still to be decoded, which a run decodes on its workers. The default decodes it here and now
         * (for a consumer that is not a run's, such as a merging cursor's).
         *
         * @param row       the row, undecoded
         * @param rowNumber its number in the source (1-based)
         * @param rejected  where its rejection goes when it is decoded here
         */
        default void acceptUndecoded(Undecoded<T> row, long rowNumber, Consumer<Rejection> rejected) {
            new Decoding<T>("").decode(row, rowNumber, this, rejected);
        }
    }
}

package org.marketlink.core.pipeline;

import java.util.function.Consumer;

/**
 * A row its source has read but not yet decoded: a message's bytes, a line's text. A cursor hands it over with
 * {@link Cursor.RowConsumer#acceptUndecoded} so that the decoding (parsing JSON, say) runs on the run's workers and
 * not on the one thread that reads the source; a run with {@code parallelism 1} decodes it on its own thread. The
 * outcome is the same as if the cursor had decoded the row itself: its row number, its place in the run's counts
 * and, when it does not decode, a rejection in the chunk it was read in.
 *
 * <p>Decoded on a worker while the cursor goes on reading: it must hold everything it needs (the bytes, where they
 * came from) and share nothing mutable with the cursor.
 *
 * @param <T> row type
 */
@FunctionalInterface
public interface Undecoded<T> {
    /**
     * Decodes the row into {@code value} or, when it does not decode, hands its rejection to {@code rejected}:
     * exactly one of the two, once. An exception, or handing over nothing or both, quarantines the row as
     * {@code DECODE_ERROR}.
     *
     * @param rowNumber the row's number in its source (1-based)
     * @param value     receives the row
     * @param rejected  receives its rejection instead
     */
    void decode(long rowNumber, Cursor.RowConsumer<T> value, Consumer<Rejection> rejected);
}

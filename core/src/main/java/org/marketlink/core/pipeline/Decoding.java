package org.marketlink.core.pipeline;

import java.util.function.Consumer;

/**
 * Decodes {@link Undecoded} rows, holding each to its contract: exactly one row or one rejection per input, whatever
 * the decoder does. One instance decodes many rows, one at a time; not thread-safe.
 *
 * @param <T> row type
 */
final class Decoding<T> implements Cursor.RowConsumer<T>, Consumer<Rejection> {
    static final String DECODE_ERROR = "DECODE_ERROR";

    private final String sourceName;
    private T row;
    private Rejection rejection;
    private int handed;

    Decoding(String sourceName) {
        this.sourceName = sourceName;
    }

    /** Decodes one row into {@code value} or {@code rejected}: exactly one of them, once. */
    void decode(Undecoded<T> undecoded, long rowNumber, Cursor.RowConsumer<T> value, Consumer<Rejection> rejected) {
        row = null;
        rejection = null;
        handed = 0;
        try {
            undecoded.decode(rowNumber, this, this);
        } catch (RuntimeException e) {
            // the message may quote the row: only the exception's class is kept
            rejected.accept(new Rejection(DECODE_ERROR, "decode", "", "the decoder of source " + sourceName
                    + " failed on row " + rowNumber + " (" + e.getClass().getName() + ")", "", rowNumber, sourceName));
            return;
        }
        if (handed != 1) {
            rejected.accept(new Rejection(DECODE_ERROR, "decode", "", "the decoder of source " + sourceName
                    + " handed over " + handed + " results for row " + rowNumber + " instead of one", "", rowNumber,
                    sourceName));
        } else if (rejection != null) {
            rejected.accept(rejection);
        } else {
            value.accept(row, rowNumber);
        }
    }

    @Override
    public void accept(T value, long rowNumber) {
        handed++;
        row = value;
    }

    @Override
    public void accept(Rejection r) {
        handed++;
        rejection = r;
    }
}

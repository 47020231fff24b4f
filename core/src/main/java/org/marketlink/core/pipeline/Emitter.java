package org.marketlink.core.pipeline;

/**
 * Where a stage sends what it makes of one input: any number of outputs, or a rejection that sends the input
 * to quarantine. Not thread-safe: each is used by one stage invocation at a time.
 *
 * @param <O> output type
 */
public interface Emitter<O> {
    /** Passes a value on to the next stage. */
    void emit(O value);

    /** Sends the current input to quarantine with a reason code, the column at fault (or "") and a message. */
    void reject(String reasonCode, String column, String message);

    /** The source row number of the current input. */
    long rowNumber();

    /**
     * Sends to quarantine a row this stage held back from an earlier input (for example a duplicate displaced by
     * a later, better row), under that row's own source row number.
     */
    void rejectHeld(Object held, long heldRowNumber, String reasonCode, String column, String message);
}

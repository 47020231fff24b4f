package org.marketlink.core.pipeline;

import java.util.List;

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

    /**
     * Sends the current input to quarantine for {@code violations} (at least one): under the first one's reason code
     * and column, with every violation's column and message in one message ({@code "price: '-3' outside [0, ∞];
     * status: missing"}).
     */
    default void reject(List<Violation> violations) {
        Violation first = violations.get(0);
        StringBuilder message = new StringBuilder();
        for (Violation v : violations) {
            if (message.length() > 0) {
                message.append("; ");
            }
            message.append(v.column().isEmpty() ? "" : v.column() + ": ").append(v.message());
        }
        reject(first.code(), first.column(), message.toString());
    }

    /** The source row number of the current input. */
    long rowNumber();

    /**
     * Sends to quarantine a row this stage held back from an earlier input (for example a duplicate displaced by
     * a later, better row), under that row's own source row number.
     */
    void rejectHeld(Object held, long heldRowNumber, String reasonCode, String column, String message);
}

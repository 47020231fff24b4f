package org.marketlink.core;

/** A write could not be made; nothing of the failed statement or batch was kept. */
public class UnableToWriteException extends MarketLinkException {
    private static final long serialVersionUID = 1L;

    /** A write that failed. */
    public UnableToWriteException(String message) {
        super(message);
    }

    /** A write that failed, with its cause. */
    public UnableToWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}

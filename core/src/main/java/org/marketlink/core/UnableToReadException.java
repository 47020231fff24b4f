package org.marketlink.core;

/** A read could not be made (the database or file failed, or stored data could not be decoded). */
public class UnableToReadException extends MarketLinkException {
    private static final long serialVersionUID = 1L;

    /** A read that failed. */
    public UnableToReadException(String message) {
        super(message);
    }

    /** A read that failed, with its cause. */
    public UnableToReadException(String message, Throwable cause) {
        super(message, cause);
    }
}

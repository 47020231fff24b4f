package org.marketlink.core;

/** The store could not be opened: no connection, or its schema could not be migrated. */
public class UnableToConnectException extends MarketLinkException {
    private static final long serialVersionUID = 1L;

    /** A connection that could not be made; the message holds no password. */
    public UnableToConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}

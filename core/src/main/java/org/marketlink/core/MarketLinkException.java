package org.marketlink.core;

/**
 * Root of every exception MarketLink throws for misuse and for I/O faults.
 *
 * <p>Bad data is reported as values (rule outcomes, quarantined rows); exceptions are for calls that cannot
 * go on. Driver exceptions ({@code SQLException}, {@code IOException}) never escape: they are wrapped in a
 * subclass whose message names the entity, the key or the file involved.
 */
public class MarketLinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure with a message that says what failed (never personal data or a secret). */
    public MarketLinkException(String message) {
        super(message);
    }

    /** A failure with a message that says what failed, and the exception that caused it. */
    public MarketLinkException(String message, Throwable cause) {
        super(message, cause);
    }
}

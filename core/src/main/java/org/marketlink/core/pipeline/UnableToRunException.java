package org.marketlink.core.pipeline;

import org.marketlink.core.MarketLinkException;

/** A run stopped: a source could not be read or a chunk could not be written after its retries. */
public class UnableToRunException extends MarketLinkException {
    private static final long serialVersionUID = 1L;

    /** A run that could not complete, with its cause. */
    public UnableToRunException(String message, Throwable cause) {
        super(message, cause);
    }
}

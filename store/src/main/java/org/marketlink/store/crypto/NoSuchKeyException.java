package org.marketlink.store.crypto;

import org.marketlink.core.MarketLinkException;

/** The key an operation needs is not known to the key provider. The message names the key id. */
public class NoSuchKeyException extends MarketLinkException {
    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}, which names the key id and never the key. */
    public NoSuchKeyException(String message) {
        super(message);
    }
}

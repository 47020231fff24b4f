package org.marketlink.store.crypto;

import org.marketlink.core.MarketLinkException;

/**
 * Stored ciphertext could not be decrypted: the key is missing, wrong, or the data was tampered with. The
 * message names the field and key id, never the data.
 */
public class UnableToDecryptException extends MarketLinkException {
    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}, which names the field and key id and never the value. */
    public UnableToDecryptException(String message) {
        super(message);
    }

    /** An exception with {@code message} and the cipher's {@code cause}. */
    public UnableToDecryptException(String message, Throwable cause) {
        super(message, cause);
    }
}

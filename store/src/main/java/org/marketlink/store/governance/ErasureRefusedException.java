package org.marketlink.store.governance;

import org.marketlink.core.MarketLinkException;

/**
 * An erase that would break other subjects' data (another group's order naming the erased group's product): it is
 * refused before anything changes. The message names the tables and the number of rows in the way, never their
 * contents.
 */
public class ErasureRefusedException extends MarketLinkException {
    private static final long serialVersionUID = 1L;

    /**
     * An erase refused.
     *
     * @param message what blocks the erase and what to do about it
     */
    public ErasureRefusedException(String message) {
        super(message);
    }
}

package org.marketlink.store.governance;

import org.marketlink.core.MarketLinkException;

import java.util.Collection;

/** A dataset name the catalog does not describe. */
public class UnknownDatasetException extends MarketLinkException {
    /** An exception naming the unknown dataset {@code name} and the {@code known} ones. */
    public UnknownDatasetException(String name, Collection<String> known) {
        super("the catalog describes no dataset '" + name + "'; it knows " + known);
    }
}

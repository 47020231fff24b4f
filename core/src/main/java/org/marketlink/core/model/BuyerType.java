package org.marketlink.core.model;

/** What kind of organisation a buyer is. */
public enum BuyerType {
    /** A shop selling to consumers. */
    RETAILER,
    /** A trader buying in bulk to resell. */
    WHOLESALER,
    /** A public procurement body. */
    GOVERNMENT,
    /** A platform or collector pooling many producers. */
    AGGREGATOR
}

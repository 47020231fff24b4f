package org.marketlink.core.model;

/** What kind of organisation a buyer is. */
public enum BuyerType {
    RETAILER, WHOLESALER, GOVERNMENT, AGGREGATOR
}

package org.marketlink.core.model;

/** When a buyer pays for delivered goods. */
public enum PaymentTerms {
    ADVANCE, ON_DELIVERY, NET_15, NET_30, NET_60, NET_90
}

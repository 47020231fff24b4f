package org.marketlink.core.model;

/** When a buyer pays for delivered goods. */
public enum PaymentTerms {
    /** Paid before delivery. */
    ADVANCE,
    /** Paid on delivery. */
    ON_DELIVERY,
    /** Due 15 days after the invoice. */
    NET_15,
    /** Due 30 days after the invoice. */
    NET_30,
    /** Due 60 days after the invoice. */
    NET_60,
    /** Due 90 days after the invoice. */
    NET_90
}

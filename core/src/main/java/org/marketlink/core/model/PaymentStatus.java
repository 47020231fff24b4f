package org.marketlink.core.model;

/** Whether an order has been paid. */
public enum PaymentStatus {
    /** Not paid yet. */
    PENDING,
    /** Paid in full. */
    PAID,
    /** Paid back. */
    REFUNDED
}

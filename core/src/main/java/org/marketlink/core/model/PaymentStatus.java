package org.marketlink.core.model;

/** Whether an order has been paid. */
public enum PaymentStatus {
    PENDING, PAID, REFUNDED
}

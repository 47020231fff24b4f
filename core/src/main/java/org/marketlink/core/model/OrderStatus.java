package org.marketlink.core.model;

/** Where an order is in its fulfilment. */
public enum OrderStatus {
    /** Placed, not yet confirmed. */
    PENDING,
    /** Accepted by the producer group. */
    CONFIRMED,
    /** On its way. */
    SHIPPED,
    /** Received by the buyer. */
    DELIVERED,
    /** Called off. */
    CANCELLED
}

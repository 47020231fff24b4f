package org.marketlink.core.model;

/** Where an order is in its fulfilment. */
public enum OrderStatus {
    PENDING, CONFIRMED, SHIPPED, DELIVERED, CANCELLED
}

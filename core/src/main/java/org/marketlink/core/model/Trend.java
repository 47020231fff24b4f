package org.marketlink.core.model;

/** Direction of a market price. */
public enum Trend {
    /** Rising. */
    UP,
    /** Falling. */
    DOWN,
    /** Neither. */
    STABLE
}

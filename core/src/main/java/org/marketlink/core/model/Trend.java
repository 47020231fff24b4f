package org.marketlink.core.model;

/** Direction of a market price. */
public enum Trend {
    UP, DOWN, STABLE
}

package org.marketlink.quality;

/** How much a failed rule matters. */
public enum Severity {
    /** Worth knowing; nothing is wrong. */
    INFO,
    /** Something to look at; the data may still be used. */
    WARNING,
    /** The data should not be used as it is. */
    ERROR
}

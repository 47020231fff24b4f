package org.marketlink.quality;

/** How much a failed rule matters. */
public enum Severity {
    INFO, WARNING, ERROR
}

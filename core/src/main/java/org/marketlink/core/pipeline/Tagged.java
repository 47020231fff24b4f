package org.marketlink.core.pipeline;

/**
 * A row from a merged source, tagged with the source it came from.
 *
 * @param source    the name of the source
 * @param rowNumber the row's number within that source
 * @param value     the row
 */
public record Tagged<T>(String source, long rowNumber, T value) {
}

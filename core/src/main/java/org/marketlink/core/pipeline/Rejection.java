package org.marketlink.core.pipeline;

import org.marketlink.core.Checks;

/**
 * A row that went to quarantine instead of the target, with why.
 *
 * @param reasonCode machine-readable reason, for example {@code PARSE_ERROR}, {@code DUPLICATE}, {@code FILTERED}
 * @param stage      the stage (or source) that rejected it
 * @param column     the column at fault, or empty when the whole row is
 * @param message    a human-readable explanation naming the value
 * @param raw        the row as it arrived at that stage, as text
 * @param rowNumber  the row's number in its source (1-based; header lines not counted)
 * @param source     the source it came from
 */
public record Rejection(String reasonCode, String stage, String column, String message, String raw, long rowNumber,
                        String source) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public Rejection {
        reasonCode = Checks.notBlank("reasonCode", reasonCode);
        stage = Checks.orEmpty(stage);
        column = Checks.orEmpty(column);
        message = Checks.orEmpty(message);
        raw = raw == null ? "" : raw;
        source = Checks.orEmpty(source);
    }
}

package org.marketlink.core.pipeline;

import org.marketlink.core.Checks;

/**
 * One reason a row is not valid.
 *
 * @param code    machine-readable reason code, for example {@code IN_SET}
 * @param column  the column at fault, or empty
 * @param message what is wrong, naming the value
 */
public record Violation(String code, String column, String message) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public Violation {
        code = Checks.notBlank("code", code);
        column = Checks.orEmpty(column);
        message = Checks.orEmpty(message);
    }
}

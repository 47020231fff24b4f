package org.marketlink.quality.imports;

/** Thrown inside an importer when a check has no rule meaning the same; caught and listed as {@link NotImported}. */
final class NotMapped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotMapped(String reason) {
        super(reason, null, false, false);
    }
}

package org.marketlink.store.governance;

import org.marketlink.core.MarketLinkException;

import java.util.List;
import java.util.Locale;

/** A schema version that would break readers or old rows; the message names every breaking field. */
public class IncompatibleSchemaException extends MarketLinkException {
    /** One message per breaking field. */
    private final List<String> breaking;

    /**
     * An exception for version {@code version} of {@code dataset}, which breaks {@code mode} compatibility with {@code
     * breaking}.
     */
    public IncompatibleSchemaException(String dataset, int version, SchemaRegistry.Mode mode, List<String> breaking) {
        super("version " + version + " of " + dataset + " is not " + mode.name().toLowerCase(Locale.ROOT)
                + " compatible: " + String.join("; ", breaking));
        this.breaking = List.copyOf(breaking);
    }

    /** One message per breaking field. */
    public List<String> breaking() {
        return breaking;
    }
}

package org.marketlink.core.pipeline;

import java.util.OptionalLong;

/**
 * Where a pipeline's rows come from. Each {@link #open()} reads from the start.
 *
 * @param <T> row type
 */
public interface Source<T> {
    /** A name for reports and lineage, for example the file path. */
    String name();

    /** A fresh cursor over the rows. */
    Cursor<T> open();

    /** How many rows there will be, when known in advance (for progress estimates). */
    default OptionalLong estimatedSize() {
        return OptionalLong.empty();
    }
}

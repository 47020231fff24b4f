package org.marketlink.core.pipeline;

import java.util.List;

/**
 * Where a pipeline's rows go, a chunk at a time. Each {@link #write} should be one transaction, and writing the
 * same chunk key twice must leave the target as writing it once (the runner retries failed chunks).
 *
 * @param <T> row type
 */
public interface Sink<T> {
    /** The sink's name, for reports and lineage. */
    String name();

    /** Writes one chunk, all or nothing. */
    void write(ChunkKey key, List<T> rows) throws Exception;

    /** Called once after the last chunk of a successful run. */
    default void complete() throws Exception {
    }
}

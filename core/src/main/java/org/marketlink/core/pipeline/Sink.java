package org.marketlink.core.pipeline;

import java.util.List;
import java.util.Optional;

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

    /**
     * Writes one chunk's rows and its rejections in one transaction, all or nothing, when this sink can make
     * {@code quarantine}'s write part of its own (a store's table sink and the same store's quarantine). Returns
     * {@code false}, having written nothing, when it cannot; the runner then writes the rejections first and the
     * rows after, so that a failure leaves the chunk unwritten or only its rejections written, and says which
     * ({@link ChunkWriteException}). Retried like {@link #write}, so it must be idempotent per chunk key too.
     *
     * @param key        the chunk
     * @param rows       its rows, not empty
     * @param quarantine the run's quarantine
     * @param rejections its rejections, not empty
     * @return whether both were written
     * @throws Exception if the transaction failed; nothing of the chunk was written
     */
    default boolean writeTogether(ChunkKey key, List<T> rows, QuarantineSink quarantine, List<Rejection> rejections)
            throws Exception {
        return false;
    }

    /**
     * A check of each row against what the target can hold, which a pipeline runs as its last stage before this sink,
     * named {@code "fit for " + name()}: a row the target would refuse or alter (text longer than its column, a
     * decimal with more places than its column keeps) is quarantined there, with the check's reason code, column and
     * message, instead of failing its whole chunk's write and with it the run. The stage must be stateless and
     * thread-safe. None by default.
     *
     * @return the check, or empty when the sink takes every row it is given
     */
    default Optional<Stage<T, T>> admission() {
        return Optional.empty();
    }

    /** Called once after the last chunk of a successful run. */
    default void complete() throws Exception {
    }
}

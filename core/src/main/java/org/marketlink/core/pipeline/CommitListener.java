package org.marketlink.core.pipeline;

/**
 * Told of each chunk once the sink and the quarantine have both made it durable, in source order, on the thread
 * that runs the pipeline. This is where a host records how far a stream has been taken in (a Kafka offset, a file
 * position, a queue acknowledgement): everything up to {@link ChunkCommit#position()} is written, so a restart
 * from there loses nothing. An exception thrown here stops the run (the chunk stays written).
 */
@FunctionalInterface
public interface CommitListener {
    /**
     * A chunk is durable.
     *
     * @param commit the chunk, its counts and the source position after its last row
     */
    void committed(ChunkCommit commit);

    /** A listener that does nothing. */
    static CommitListener none() {
        return commit -> {
        };
    }
}

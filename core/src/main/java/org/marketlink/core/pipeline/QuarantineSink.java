package org.marketlink.core.pipeline;

import java.util.List;

/**
 * Where rejected rows go, with their reasons. Same chunk contract as {@link Sink}: a chunk's rejections are
 * written once, in chunk order, and the write is durable when it returns.
 */
@FunctionalInterface
public interface QuarantineSink {
    /** Writes one chunk's rejections. */
    void write(ChunkKey key, List<Rejection> rejections) throws Exception;

    /**
     * The quarantine of a plan that was given none: rejections are counted in the report (by reason code) and kept
     * nowhere. The same instance every time, so that a runner can tell it apart from a real quarantine.
     */
    static QuarantineSink none() {
        return NoQuarantine.INSTANCE;
    }
}

/** The one {@link QuarantineSink#none()}. */
enum NoQuarantine implements QuarantineSink {
    INSTANCE;

    @Override
    public void write(ChunkKey key, List<Rejection> rejections) {
        // kept nowhere, by the plan's choice; the report still counts them
    }
}

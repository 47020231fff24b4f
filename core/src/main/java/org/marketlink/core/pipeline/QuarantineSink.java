package org.marketlink.core.pipeline;

import java.util.List;

/** Where rejected rows go, with their reasons. Same chunk contract as {@link Sink}. */
@FunctionalInterface
public interface QuarantineSink {
    void write(ChunkKey key, List<Rejection> rejections) throws Exception;
}

package org.marketlink.core.pipeline;

/**
 * Identifies one chunk of one run, so that a sink can make a retried chunk idempotent.
 *
 * @param runId    the run
 * @param index    the chunk's position, from 0
 * @param firstRow the source row number of the chunk's first row
 */
public record ChunkKey(String runId, long index, long firstRow) {
}

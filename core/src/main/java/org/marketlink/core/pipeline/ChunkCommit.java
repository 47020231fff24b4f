package org.marketlink.core.pipeline;

import java.util.Optional;

/**
 * A chunk that is durable in the sink and the quarantine. Immutable (the position is whatever immutable value the
 * source's cursor gave); a {@code null} chunk key is refused.
 *
 * @param chunk      the chunk's key (run, index, first source row)
 * @param rows       rows it wrote to the sink
 * @param rejections rejections it wrote to the quarantine
 * @param throughRow the source row number of the chunk's last row: every source row up to it is written or
 *                   quarantined (or, for a stateful stage's flush at the end, the run's last row)
 * @param position   where the source stood after the chunk's last row, as its cursor tells it
 *                   ({@link Cursor#position()}); empty for a source without positions, and empty when a stage still
 *                   holds rows read before that point (committing it would lose them on a crash, so the position is
 *                   given with a later chunk, at the latest when the run ends)
 */
public record ChunkCommit(ChunkKey chunk, int rows, int rejections, long throughRow, Optional<Object> position) {
    /** Checks the key and fills an absent position. */
    public ChunkCommit {
        if (chunk == null) {
            throw new IllegalArgumentException("chunk must not be null");
        }
        position = position == null ? Optional.empty() : position;
    }
}

package org.marketlink.core.pipeline;

import org.marketlink.core.Checks;

import java.time.Duration;
import java.util.List;

/**
 * One chunk made durable, as a {@link RunObserver} sees it.
 *
 * @param chunk       the chunk
 * @param rowsRead    rows the chunk read from the source (valid or rejected there); 0 for the stateful stages' flush
 * @param rowsWritten rows the sink acknowledged
 * @param rejections  the rejections the quarantine acknowledged (their raw text may hold personal data)
 * @param writeTime   how long the writes took, retries included
 * @param latency     from the chunk's first row being read to now (zero for a chunk that read nothing): how long a
 *                    row waited, at most, before it was durable
 *
 * <p>Immutable and thread-safe.
 */
public record ChunkWritten(ChunkKey chunk, long rowsRead, int rowsWritten, List<Rejection> rejections,
                           Duration writeTime, Duration latency) {
    /** Checks the components and copies the rejections. */
    public ChunkWritten {
        Checks.notNull("chunk", chunk);
        rejections = List.copyOf(rejections);
        Checks.notNull("writeTime", writeTime);
        Checks.notNull("latency", latency);
    }
}

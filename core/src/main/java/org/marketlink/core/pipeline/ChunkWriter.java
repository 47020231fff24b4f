package org.marketlink.core.pipeline;

import org.marketlink.core.privacy.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Writes a chunk's rows to the sink and its rejections to the quarantine, each retried with backoff, and only then
 * counts them as written and tells the progress listener. Both in one transaction when the sink can do that
 * ({@link Sink#writeTogether}), otherwise rejections first; a chunk that cannot be written stops the run with a
 * {@link ChunkWriteException} that says which half, if any, is durable. On the committing thread only.
 */
final class ChunkWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ChunkWriter.class);

    private final String runId;
    private final Source<?> source;
    private final Sink<Object> sink;
    private final QuarantineSink quarantine;
    private final RunOptions options;
    private final RunAccounting accounting;
    /** The run's cursor, told of durable positions; set once it is open. */
    private Cursor<?> cursor;
    /** The position after the last chunk written, and the last one committed (identity). */
    private Object lastPosition;
    private Object committedPosition;

    @SuppressWarnings("unchecked")
    ChunkWriter(String runId, Source<?> source, Sink<?> sink, QuarantineSink quarantine, RunOptions options,
                RunAccounting accounting) {
        this.runId = runId;
        this.source = source;
        this.sink = (Sink<Object>) sink;
        this.quarantine = quarantine;
        this.options = options;
        this.accounting = accounting;
    }

    /** The cursor whose positions this writer commits. */
    void attach(Cursor<?> c) {
        this.cursor = c;
    }

    void write(Chunk chunk, long t0) {
        long writeStart = System.nanoTime();
        ChunkKey key = new ChunkKey(runId, chunk.index, chunk.firstRow);
        List<Object> rows = new ArrayList<>(chunk.output.size());
        for (Chunk.Item item : chunk.output) {
            rows.add(item.value());
        }
        List<Rejection> rejections = List.copyOf(chunk.rejections);
        // a failure's text may quote the rows it failed on: withheld when they may hold personal data
        boolean personal = !rows.isEmpty() && Masking.mayHoldPersonal(rows.get(0));
        boolean together = !rows.isEmpty() && !rejections.isEmpty()
                && withRetries("sink " + sink.name() + " with the quarantine", key, personal, false, rows.size(),
                    rejections.size(), () -> sink.writeTogether(key, rows, quarantine, rejections));
        if (!together) {
            // rejections first: if the rows then fail, the chunk's rejections are not lost with them, and the
            // failure says the rows alone are missing
            if (!rejections.isEmpty()) {
                withRetries("quarantine", key, personal, false, rows.size(), rejections.size(), () -> {
                    quarantine.write(key, rejections);
                    return true;
                });
            }
            if (!rows.isEmpty()) {
                withRetries("sink " + sink.name(), key, personal, !rejections.isEmpty(), rows.size(),
                        rejections.size(), () -> {
                        sink.write(key, rows);
                        return true;
                    });
            }
        }
        accounting.written(rows.size(), chunk.outputChecksum, rejections.size());
        if (chunk.position != null) {
            lastPosition = chunk.position;
        }
        commit(key, rows.size(), rejections.size(), chunk.lastRow);
        long now = System.nanoTime();
        if (LOG.isDebugEnabled()) {
            LOG.debug("run {} chunk {}: {} rows read, {} written, {} quarantined, written in {} ms", runId, key.index(),
                    chunk.sourceRows, rows.size(), rejections.size(), (now - writeStart) / 1_000_000);
        }
        Observing.call(options.observer(), o -> o.chunkWritten(new ChunkWritten(key, chunk.sourceRows, rows.size(),
                rejections, Duration.ofNanos(now - writeStart),
                chunk.firstRowNanos == 0 ? Duration.ZERO : Duration.ofNanos(now - chunk.firstRowNanos))));
        long rowsIn = accounting.rowsIn();
        double seconds = Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
        double rate = rowsIn / seconds;
        OptionalLong expected = source.estimatedSize();
        Optional<Duration> remaining = expected.isPresent() && rate > 0
                ? Optional.of(Duration.ofMillis((long) (Math.max(0, expected.getAsLong() - rowsIn) / rate * 1000)))
                : Optional.empty();
        options.listener().onProgress(new Progress(rowsIn, rate, expected, remaining));
    }

    /**
     * Tells the cursor and the host's listener that a chunk is durable, with the source position when no stage
     * holds rows read before it (otherwise the position waits for a later chunk).
     */
    private void commit(ChunkKey key, int rows, int rejections, long throughRow) {
        Object position = null;
        if (lastPosition != null && lastPosition != committedPosition && !accounting.holdsRows()) {
            position = lastPosition;
            committedPosition = position;
            if (cursor != null) {
                cursor.committed(position);
            }
        }
        options.commits().committed(new ChunkCommit(key, rows, rejections, throughRow, Optional.ofNullable(position)));
    }

    /**
     * At the end of a run whose last chunk wrote nothing (the stateful stages had nothing left to flush): commits
     * a position still waiting, so that a stream's position catches up with what was written.
     */
    void commitPending(long index, long throughRow) {
        if (lastPosition != null && lastPosition != committedPosition) {
            commit(new ChunkKey(runId, index, throughRow + 1), 0, 0, throughRow);
        }
    }

    /** Tells the sink that the run is complete. */
    void complete() {
        try {
            sink.complete();
        } catch (Exception e) {
            throw new UnableToRunException("sink " + sink.name() + " could not complete: " + e.getMessage(), e);
        }
    }

    String sinkName() {
        return sink.name();
    }

    private static String describe(Exception e, boolean personal) {
        return personal ? e.getClass().getName() + " (its message is withheld: the chunk holds personal data)"
                : String.valueOf(e);
    }

    @FunctionalInterface
    private interface Write {
        boolean run() throws Exception;
    }

    private boolean withRetries(String target, ChunkKey key, boolean personal, boolean rejectionsWritten, int rows,
                                int rejections, Write write) {
        long backoff = options.retryBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return write.run();
            } catch (Exception e) {
                if (attempt >= options.writeAttempts()) {
                    throw new ChunkWriteException(target, key, attempt, rejectionsWritten, rows, rejections,
                            accounting.rowsOut(), accounting.quarantined(), e, describe(e, personal));
                }
                LOG.warn("{} failed on chunk {} (attempt {}), retrying: {}", target, key.index(), attempt,
                        describe(e, personal));
                int failedAttempt = attempt;
                Observing.call(options.observer(), o -> o.writeRetried(key, target, failedAttempt, e.getClass()));
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new ChunkWriteException(target, key, attempt, rejectionsWritten, rows, rejections,
                            accounting.rowsOut(), accounting.quarantined(), ie, "interrupted while waiting to retry");
                }
                backoff *= 2;
            }
        }
    }
}

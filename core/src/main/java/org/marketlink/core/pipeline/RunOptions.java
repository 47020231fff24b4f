package org.marketlink.core.pipeline;

import org.marketlink.core.Checks;

import java.time.Duration;

/**
 * How a pipeline runs.
 *
 * @param chunkSize     rows per chunk; each chunk is written in its own transaction
 * @param parallelism   chunks processed at once by stateless stages (1 = on the caller's thread); output order
 *                      is always the source order
 * @param writeAttempts tries of a failing chunk write before the run stops, ≥ 1
 * @param retryBackoff  wait before the first retry, doubled for each further one
 * @param listener      progress callback
 * @param cancellation  a flag the host may set to stop after the current chunk
 * @param maxLatency    the longest a row waits in an open chunk before the chunk is closed short (rows read from
 *                      an unbounded source reach the sink within about this delay, plus the stages and the write);
 *                      {@link Duration#ZERO} closes chunks by size and at the end of the source only
 * @param commits       told of each chunk once its rows and rejections are durable, in source order: the hook a
 *                      host uses to commit its own position in a stream (see {@link ChunkCommit})
 */
public record RunOptions(int chunkSize, int parallelism, int writeAttempts, Duration retryBackoff,
                         ProgressListener listener, Cancellation cancellation, Duration maxLatency,
                         CommitListener commits) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public RunOptions {
        Checks.atLeast("chunkSize", chunkSize, 1);
        Checks.atLeast("parallelism", parallelism, 1);
        Checks.atLeast("writeAttempts", writeAttempts, 1);
        Checks.notNull("retryBackoff", retryBackoff);
        listener = listener == null ? ProgressListener.none() : listener;
        cancellation = cancellation == null ? new Cancellation() : cancellation;
        maxLatency = maxLatency == null ? Duration.ZERO : maxLatency;
        if (maxLatency.isNegative()) {
            throw new IllegalArgumentException("maxLatency must not be negative, was " + maxLatency);
        }
        commits = commits == null ? CommitListener.none() : commits;
    }

    /** The options before streaming: no latency bound, no commit listener. */
    public RunOptions(int chunkSize, int parallelism, int writeAttempts, Duration retryBackoff,
                      ProgressListener listener, Cancellation cancellation) {
        this(chunkSize, parallelism, writeAttempts, retryBackoff, listener, cancellation, Duration.ZERO,
                CommitListener.none());
    }

    /** Chunks of 10,000 rows, one thread, 5 write attempts from 100 ms back-off. */
    public static RunOptions defaults() {
        return new RunOptions(10_000, 1, 5, Duration.ofMillis(100), ProgressListener.none(), new Cancellation(),
                Duration.ZERO, CommitListener.none());
    }

    /** These options with chunks of {@code size} rows. */
    public RunOptions withChunkSize(int size) {
        return new RunOptions(size, parallelism, writeAttempts, retryBackoff, listener, cancellation, maxLatency,
                commits);
    }

    /** These options with {@code threads} threads running stages. */
    public RunOptions withParallelism(int threads) {
        return new RunOptions(chunkSize, threads, writeAttempts, retryBackoff, listener, cancellation, maxLatency,
                commits);
    }

    /** These options with up to {@code attempts} writes per chunk, {@code backoff} apart (doubling). */
    public RunOptions withRetries(int attempts, Duration backoff) {
        return new RunOptions(chunkSize, parallelism, attempts, backoff, listener, cancellation, maxLatency,
                commits);
    }

    /** These options reporting progress to {@code l}. */
    public RunOptions withListener(ProgressListener l) {
        return new RunOptions(chunkSize, parallelism, writeAttempts, retryBackoff, l, cancellation, maxLatency,
                commits);
    }

    /** These options stopping when {@code c} is cancelled. */
    public RunOptions withCancellation(Cancellation c) {
        return new RunOptions(chunkSize, parallelism, writeAttempts, retryBackoff, listener, c, maxLatency, commits);
    }

    /**
     * These options closing a chunk once its first row has waited {@code latency}, whatever its size: for unbounded
     * sources, where a chunk would otherwise wait for {@code chunkSize} rows.
     */
    public RunOptions withMaxLatency(Duration latency) {
        return new RunOptions(chunkSize, parallelism, writeAttempts, retryBackoff, listener, cancellation, latency,
                commits);
    }

    /** These options telling {@code listener} of every chunk once it is durable. */
    public RunOptions withCommitListener(CommitListener listener) {
        return new RunOptions(chunkSize, parallelism, writeAttempts, retryBackoff, this.listener, cancellation,
                maxLatency, listener);
    }
}

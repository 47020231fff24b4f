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
 */
public record RunOptions(int chunkSize, int parallelism, int writeAttempts, Duration retryBackoff,
                         ProgressListener listener, Cancellation cancellation) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public RunOptions {
        Checks.atLeast("chunkSize", chunkSize, 1);
        Checks.atLeast("parallelism", parallelism, 1);
        Checks.atLeast("writeAttempts", writeAttempts, 1);
        Checks.notNull("retryBackoff", retryBackoff);
        listener = listener == null ? ProgressListener.none() : listener;
        cancellation = cancellation == null ? new Cancellation() : cancellation;
    }

    /** Chunks of 10,000 rows, one thread, 5 write attempts from 100 ms back-off. */
    public static RunOptions defaults() {
        return new RunOptions(10_000, 1, 5, Duration.ofMillis(100), ProgressListener.none(), new Cancellation());
    }

    /** These options with chunks of {@code size} rows. */
    public RunOptions withChunkSize(int size) {
        return new RunOptions(size, parallelism, writeAttempts, retryBackoff, listener, cancellation);
    }

    /** These options with {@code threads} threads running stages. */
    public RunOptions withParallelism(int threads) {
        return new RunOptions(chunkSize, threads, writeAttempts, retryBackoff, listener, cancellation);
    }

    /** These options with up to {@code attempts} writes per chunk, {@code backoff} apart (doubling). */
    public RunOptions withRetries(int attempts, Duration backoff) {
        return new RunOptions(chunkSize, parallelism, attempts, backoff, listener, cancellation);
    }

    /** These options reporting progress to {@code l}. */
    public RunOptions withListener(ProgressListener l) {
        return new RunOptions(chunkSize, parallelism, writeAttempts, retryBackoff, l, cancellation);
    }

    /** These options stopping when {@code c} is cancelled. */
    public RunOptions withCancellation(Cancellation c) {
        return new RunOptions(chunkSize, parallelism, writeAttempts, retryBackoff, listener, c);
    }
}

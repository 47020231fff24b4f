package org.marketlink.core.pipeline;

import org.marketlink.core.Checks;

import java.time.Duration;
import java.util.concurrent.Executor;

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
 * @param observer      told of the run's start, chunks, retries and end: the hook for metrics
 * @param executor      the host's threads for the stages of a parallel run, or {@code null} (the default) for a pool
 *                      of {@code parallelism} daemon threads the run makes and a reading thread of its own. With an
 *                      executor the run starts no thread: the calling thread reads and writes, the executor runs
 *                      the stateless stages of up to {@code parallelism} chunks at once, and a chunk the executor
 *                      has not started when its turn to be written comes is processed by the calling thread, so a
 *                      busy or small executor slows the run but cannot stall it
 *
 * <p>Immutable and thread-safe.
 */
public record RunOptions(int chunkSize, int parallelism, int writeAttempts, Duration retryBackoff,
                         ProgressListener listener, Cancellation cancellation, Duration maxLatency,
                         CommitListener commits, RunObserver observer, Executor executor) {
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
        observer = observer == null ? RunObserver.none() : observer;
    }

    /** The options before metrics and host executors: no observer, the run's own threads. */
    public RunOptions(int chunkSize, int parallelism, int writeAttempts, Duration retryBackoff,
                      ProgressListener listener, Cancellation cancellation, Duration maxLatency,
                      CommitListener commits) {
        this(chunkSize, parallelism, writeAttempts, retryBackoff, listener, cancellation, maxLatency, commits,
                RunObserver.none(), null);
    }

    /** The options before streaming: no latency bound, no commit listener. */
    public RunOptions(int chunkSize, int parallelism, int writeAttempts, Duration retryBackoff,
                      ProgressListener listener, Cancellation cancellation) {
        this(chunkSize, parallelism, writeAttempts, retryBackoff, listener, cancellation, Duration.ZERO,
                CommitListener.none(), RunObserver.none(), null);
    }

    /** Chunks of 10,000 rows, one thread, 5 write attempts from 100 ms back-off. */
    public static RunOptions defaults() {
        return new RunOptions(10_000, 1, 5, Duration.ofMillis(100), ProgressListener.none(), new Cancellation(),
                Duration.ZERO, CommitListener.none(), RunObserver.none(), null);
    }

    /** These options with chunks of {@code size} rows. */
    public RunOptions withChunkSize(int size) {
        return new RunOptions(size, parallelism, writeAttempts, retryBackoff, listener, cancellation, maxLatency,
                commits, observer, executor);
    }

    /** These options with {@code threads} threads running stages. */
    public RunOptions withParallelism(int threads) {
        return new RunOptions(chunkSize, threads, writeAttempts, retryBackoff, listener, cancellation, maxLatency,
                commits, observer, executor);
    }

    /** These options with up to {@code attempts} writes per chunk, {@code backoff} apart (doubling). */
    public RunOptions withRetries(int attempts, Duration backoff) {
        return new RunOptions(chunkSize, parallelism, attempts, backoff, listener, cancellation, maxLatency,
                commits, observer, executor);
    }

    /** These options reporting progress to {@code l}. */
    public RunOptions withListener(ProgressListener l) {
        return new RunOptions(chunkSize, parallelism, writeAttempts, retryBackoff, l, cancellation, maxLatency,
                commits, observer, executor);
    }

    /** These options stopping when {@code c} is cancelled. */
    public RunOptions withCancellation(Cancellation c) {
        return new RunOptions(chunkSize, parallelism, writeAttempts, retryBackoff, listener, c, maxLatency, commits, observer, executor);
    }

    /**
     * These options closing a chunk once its first row has waited {@code latency}, whatever its size: for unbounded
     * sources, where a chunk would otherwise wait for {@code chunkSize} rows.
     */
    public RunOptions withMaxLatency(Duration latency) {
        return new RunOptions(chunkSize, parallelism, writeAttempts, retryBackoff, listener, cancellation, latency,
                commits, observer, executor);
    }

    /** These options telling {@code listener} of every chunk once it is durable. */
    public RunOptions withCommitListener(CommitListener listener) {
        return new RunOptions(chunkSize, parallelism, writeAttempts, retryBackoff, this.listener, cancellation,
                maxLatency, listener, observer, executor);
    }

    /**
     * These options telling {@code runObserver} what the run does (for metrics).
     *
     * @param runObserver the observer
     * @return new options
     */
    public RunOptions withObserver(RunObserver runObserver) {
        return new RunOptions(chunkSize, parallelism, writeAttempts, retryBackoff, listener, cancellation,
                maxLatency, commits, runObserver, executor);
    }

    /**
     * These options running the stages of a parallel run on the host's {@code threads} (see {@link #executor()}).
     *
     * @param threads the host's executor
     * @return new options
     */
    public RunOptions withExecutor(Executor threads) {
        Checks.notNull("executor", threads);
        return new RunOptions(chunkSize, parallelism, writeAttempts, retryBackoff, listener, cancellation,
                maxLatency, commits, observer, threads);
    }
}

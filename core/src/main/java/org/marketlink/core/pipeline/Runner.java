package org.marketlink.core.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * Streams one run of a plan. The parts: {@link ChunkReader} reads (ahead, on its own thread, when parallel),
 * {@link StageChain} applies the stages, {@link ChunkWriter} writes with retries, {@link RunAccounting} counts.
 * This class only orders them: the stateless stages of up to {@code parallelism} chunks at once on workers, then,
 * on the calling thread and in source order, the stateful stages and the writes. At most
 * {@code 2 × parallelism} chunks are in memory. A cancelled or interrupted run processes every chunk it has read
 * and flushes what the stateful stages hold, so that nothing read is left behind.
 */
final class Runner {
    private static final Logger LOG = LoggerFactory.getLogger(Runner.class);
    /** The share of a run's rows in quarantine above which its summary is logged at WARN rather than INFO. */
    static final double QUARANTINE_WARN_SHARE = 0.05;
    private static final String SUMMARY = "run {} of {} into {}: {}, {} rows in, {} out, {} quarantined, {} chunks, "
            + "{} ms";
    /** How long the committing thread waits for the next chunk while earlier ones are still being processed. */
    private static final long IN_FLIGHT_WAIT_MILLIS = 2;
    private final Source<?> source;
    private final RunOptions options;
    private final String runId = UUID.randomUUID().toString();
    private final RunAccounting accounting;
    private final StageChain chain;
    private final ChunkWriter writer;

    Runner(Source<?> source, List<NamedStage> stages, Sink<?> sink, QuarantineSink quarantine, RunOptions options) {
        this.source = source;
        this.options = options;
        this.accounting = new RunAccounting(stages);
        this.chain = new StageChain(stages, accounting, source.name(), quarantine != QuarantineSink.none());
        this.writer = new ChunkWriter(runId, source, sink, quarantine, options, accounting);
    }

    RunReport run() {
        Observing.call(options.observer(), o -> o.runStarted(runId, source.name(), writer.sinkName()));
        RunReport report;
        try {
            report = runAndReport();
        } catch (RuntimeException | Error e) {
            LOG.warn("run {} of {} into {} stopped on {} after {} rows read", runId, source.name(), writer.sinkName(),
                    e.getClass().getName(), accounting.rowsIn());
            Observing.call(options.observer(), o -> o.runFailed(runId, e));
            throw e;
        }
        logSummary(report);
        Observing.call(options.observer(), o -> o.runEnded(report));
        return report;
    }

    /**
     * One INFO line per run: counts, duration, status. At WARN when more than {@value #QUARANTINE_WARN_SHARE} of the
     * rows went to quarantine (an unbalanced run is logged at ERROR by the accounting). Names and counts only.
     */
    private static void logSummary(RunReport r) {
        boolean many = r.rowsIn() > 0 && r.quarantined() > QUARANTINE_WARN_SHARE * r.rowsIn();
        Object[] args = {r.runId(), r.source(), r.sink(), r.status(), r.rowsIn(), r.rowsOut(), r.quarantined(),
            r.chunks(), Math.round(r.millis())};
        if (many) {
            LOG.warn(SUMMARY + " (more than " + Math.round(QUARANTINE_WARN_SHARE * 100) + "% quarantined)", args);
        } else {
            LOG.info(SUMMARY, args);
        }
    }

    private RunReport runAndReport() {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        RunReport.Status status;
        ExecutorService pool = options.parallelism() > 1 && options.executor() == null
                ? Executors.newFixedThreadPool(options.parallelism(), r -> {
            Thread t = new Thread(r, "marketlink-pipeline-" + runId.substring(0, 8));
            t.setDaemon(true);
            return t;
        }) : null;
        try (Cursor<?> cursor = source.open()) {
            ChunkReader reader = new ChunkReader(cursor, source.name(), options.chunkSize(), options.cancellation(),
                    options.maxLatency());
            writer.attach(cursor);
            Ended ended = options.parallelism() == 1 ? sequential(reader, t0)
                    : pool == null ? onHostThreads(reader, options.executor(), t0) : parallel(reader, pool, t0);
            status = ended.stopped() ? RunReport.Status.CANCELLED : RunReport.Status.COMPLETED;
            // what the stateful stages hold comes out on a cancelled run too
            Chunk last = new Chunk(ended.nextIndex(), accounting.rowsIn() + 1);
            chain.finish(last);
            if (!last.output.isEmpty() || !last.rejections.isEmpty()) {
                writer.write(last, t0);
            } else {
                writer.commitPending(last.index, accounting.rowsIn());
            }
            if (status == RunReport.Status.COMPLETED) {
                writer.complete();
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        return accounting.report(runId, status, source.name(), writer.sinkName(), started, t0);
    }

    /** How reading ended: the index the next chunk would have, and whether the run was stopped early. */
    private record Ended(long nextIndex, boolean stopped) {
    }

    /** Reads, applies and writes chunk by chunk on this thread. */
    private Ended sequential(ChunkReader reader, long t0) {
        long index = 0;
        while (true) {
            if (stopRequested()) {
                return new Ended(index, true);
            }
            Chunk chunk = reader.read();
            accounting.read(chunk);
            if (chunk.rowsRead() == 0) {
                // an empty chunk: the end of the source, or a stop while a quiet source had nothing
                return new Ended(index, !reader.reachedEnd());
            }
            index = chunk.index + 1;
            writer.write(chain.stateful(chain.stateless(chunk)), t0);
        }
    }

    /**
     * A reader thread parses ahead while workers run the stateless stages and this thread commits. A chunk is
     * written as soon as it and every chunk before it are done, not when the queue is full, so a stream's rows do not
     * wait for later ones; while chunks are in flight this thread looks for the next one in short waits.
     */
    private Ended parallel(ChunkReader reader, ExecutorService pool, long t0) {
        Deque<Future<Chunk>> inFlight = new ArrayDeque<>();
        long index = 0;
        boolean stopped = false;
        reader.start(2 * options.parallelism(), "marketlink-reader-" + runId.substring(0, 8));
        try {
            while (!reader.done()) {
                Chunk chunk = inFlight.isEmpty() ? reader.take() : reader.poll(IN_FLIGHT_WAIT_MILLIS);
                if (chunk != null) {
                    // a chunk read from the source is processed even when the run is being cancelled: its rows have
                    // left the source and must come out somewhere
                    index = submit(chunk, pool, inFlight);
                }
                while (!inFlight.isEmpty() && (inFlight.size() >= 2 * options.parallelism()
                        || inFlight.peek().isDone())) {
                    writer.write(chain.stateful(await(inFlight.poll())), t0);
                }
                if (stopRequested()) {
                    stopped = true;
                    break;
                }
            }
        } finally {
            reader.stop();
        }
        // the loop also ends when this thread is interrupted while it waits: that is a stop, not the end
        stopped = stopped || !reader.reachedEnd();
        for (Chunk read : reader.drain()) {
            index = submit(read, pool, inFlight);
        }
        while (!inFlight.isEmpty()) {
            writer.write(chain.stateful(await(inFlight.poll())), t0);
        }
        return new Ended(index, stopped);
    }

    /**
     * On the host's executor: this thread reads and writes, the executor runs the stateless stages. A chunk whose
     * turn to be written comes before the executor started it is processed here (so a busy executor cannot stall
     * the run), and a chunk read is written even when reading then fails. An unbounded source's chunks are written
     * before the next is read: a quiet source would otherwise hold a finished chunk back.
     */
    private Ended onHostThreads(ChunkReader reader, Executor executor, long t0) {
        Deque<FutureTask<Chunk>> inFlight = new ArrayDeque<>();
        boolean streaming = !options.maxLatency().isZero();
        long index = 0;
        Ended ended;
        while (true) {
            if (stopRequested()) {
                ended = new Ended(index, true);
                break;
            }
            Chunk chunk;
            try {
                chunk = reader.read();
            } catch (RuntimeException e) {
                writeAll(inFlight, t0); // what was read comes out before the failure is thrown
                throw e;
            }
            accounting.read(chunk);
            if (chunk.rowsRead() == 0) {
                ended = new Ended(index, !reader.reachedEnd());
                break;
            }
            index = chunk.index + 1;
            FutureTask<Chunk> task = new FutureTask<>(() -> chain.stateless(chunk));
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                task.run(); // a saturated or shut-down executor: this thread does the work
            }
            inFlight.add(task);
            while (!inFlight.isEmpty() && (streaming || inFlight.size() >= options.parallelism()
                    || inFlight.peek().isDone())) {
                writer.write(chain.stateful(awaitOrRun(inFlight.poll())), t0);
            }
        }
        writeAll(inFlight, t0);
        return ended;
    }

    private void writeAll(Deque<FutureTask<Chunk>> inFlight, long t0) {
        while (!inFlight.isEmpty()) {
            writer.write(chain.stateful(awaitOrRun(inFlight.poll())), t0);
        }
    }

    /** The chunk of {@code task}, processed on this thread if the executor has not started it yet. */
    private static Chunk awaitOrRun(FutureTask<Chunk> task) {
        task.run(); // does nothing when the executor has started (or finished) it
        return await(task);
    }

    private long submit(Chunk chunk, ExecutorService pool, Deque<Future<Chunk>> inFlight) {
        accounting.read(chunk);
        inFlight.add(pool.submit(() -> chain.stateless(chunk)));
        return chunk.index + 1;
    }

    /** Cancelled by the host's token, or the running thread interrupted (the flag stays set for the host). */
    private boolean stopRequested() {
        return options.cancellation().isCancelled() || Thread.currentThread().isInterrupted();
    }

    /**
     * The chunk a worker made, waited for even when this thread is interrupted (the flag is kept): the chunk's rows
     * were read and the stateless stages take little time, so an interrupt stops the run after them, not without them.
     */
    private static Chunk await(Future<Chunk> future) {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            throw new UnableToRunException("a chunk could not be processed: " + e.getCause(), e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

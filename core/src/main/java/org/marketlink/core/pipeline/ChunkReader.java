package org.marketlink.core.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads a source chunk by chunk: on the calling thread ({@link #read}), or ahead of it on a thread of its own
 * into a bounded queue ({@link #start}, {@link #take()}), so that parsing overlaps the stages. A chunk closes when it
 * is full, when the source ends, when its first row has waited {@code maxLatency} (unbounded sources), or when the
 * run is stopped. Not thread-safe beyond that hand-over: one committing thread takes.
 */
final class ChunkReader {
    /** The source ended. */
    private static final Object END = new Object();
    /** The reader stopped (cancelled, interrupted) before the source ended. */
    private static final Object STOPPED = new Object();

    private final Cursor<Object> cursor;
    private final String sourceName;
    private final int chunkSize;
    private final Cancellation cancellation;
    /** 0: chunks close by size and at the end only. */
    private final long maxLatencyNanos;
    private BlockingQueue<Object> queue;
    private Thread thread;
    private volatile boolean stopped;
    /** Set by whichever thread reads when the cursor says the source has ended. */
    private volatile boolean sourceEnded;
    private long index;
    private long read;
    /** Set on the committing thread once {@link #take()} has seen the end, a stop or an interrupt. */
    private boolean done;
    /** A source failure held back until the rows read before it have gone out as a chunk. */
    private UnableToRunException failure;
    /** The chunk being read, which {@link #items} fills. */
    private Chunk filling;
    /** Takes the cursor's rejections into {@link #filling}. */
    private final Consumer<Rejection> rejections = r -> filling.rejections.add(r);
    /** Takes the cursor's rows into {@link #filling}: one instance, not a lambda per row. */
    private final Cursor.RowConsumer<Object> items = new Cursor.RowConsumer<>() {
        @Override
        public void accept(Object row, long rowNumber) {
            filling.items.add(new Chunk.Item(row, rowNumber));
        }

        @Override
        public void acceptUndecoded(Undecoded<Object> row, long rowNumber, Consumer<Rejection> rejected) {
            // decoded by a worker before the first stage (StageChain#stateless)
            filling.items.add(new Chunk.Item(new Chunk.Pending(row), rowNumber));
            filling.pending++;
        }
    };

    ChunkReader(Cursor<?> cursor, String sourceName, int chunkSize, Cancellation cancellation, Duration maxLatency) {
        @SuppressWarnings("unchecked") // rows are handled as objects from here on
        Cursor<Object> c = (Cursor<Object>) cursor;
        this.cursor = c;
        this.sourceName = sourceName;
        this.chunkSize = chunkSize;
        this.cancellation = cancellation;
        this.maxLatencyNanos = maxLatency.toNanos();
    }

    /**
     * The next chunk, read on this thread; empty at the end of the source or when the run is stopping. When the
     * source fails part-way through a chunk, the rows read before the failure come out as a last chunk and the next
     * call throws: what was read is written before the run stops.
     */
    Chunk read() {
        if (failure != null) {
            UnableToRunException e = failure;
            failure = null;
            throw e;
        }
        Chunk chunk = new Chunk(index++, read + 1);
        filling = chunk;
        long deadline = 0;
        while (chunk.rowsRead() < chunkSize) {
            if (stopping()) {
                break;
            }
            boolean more;
            try {
                more = cursor.next(items, rejections);
            } catch (RuntimeException | Error e) {
                // an Error too (OutOfMemoryError on a huge record, StackOverflowError in a parser): the run stops
                // with it as the cause, in the same way on one thread or many, after writing what was read
                UnableToRunException failed = new UnableToRunException("could not read source " + sourceName
                        + " after row " + (read + chunk.rowsRead()) + ": "
                        + (e instanceof Error ? e.toString() : e.getMessage()), e);
                if (chunk.rowsRead() == 0) {
                    throw failed;
                }
                failure = failed;
                break;
            }
            if (!more) {
                sourceEnded = true;
                break;
            }
            if (chunk.firstRowNanos == 0 && chunk.rowsRead() > 0) {
                chunk.firstRowNanos = System.nanoTime();
            }
            if (maxLatencyNanos > 0 && chunk.rowsRead() > 0) {
                long now = System.nanoTime();
                if (deadline == 0) {
                    // the clock starts with the chunk's first row: a quiet source does not age an empty chunk
                    deadline = now + maxLatencyNanos;
                } else if (now - deadline >= 0) {
                    break;
                }
            }
        }
        chunk.position = cursor.position();
        chunk.sourceRows = chunk.rowsRead();
        read += chunk.rowsRead();
        chunk.lastRow = read;
        return chunk;
    }

    private boolean stopping() {
        return stopped || cancellation.isCancelled() || Thread.currentThread().isInterrupted();
    }

    /** Starts reading ahead on a thread of its own, at most {@code capacity} chunks ahead. */
    void start(int capacity, String threadName) {
        queue = new ArrayBlockingQueue<>(capacity);
        thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (!stopping()) {
                Chunk chunk = read();
                if (chunk.rowsRead() > 0) {
                    put(chunk);
                }
                if (sourceEnded) {
                    break;
                }
            }
            put(sourceEnded ? END : STOPPED);
        } catch (Throwable t) {
            // an Error too (OutOfMemoryError, StackOverflowError): handed to the committing thread, which fails
            // the run with it; nobody waits for a reader that has died
            put(t);
        }
    }

    private void put(Object o) {
        try {
            while (!stopped && !queue.offer(o, 100, TimeUnit.MILLISECONDS)) {
                // the committing thread is behind; wait for room unless the run stopped
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The next chunk read ahead, in source order, waiting for it; null once reading is {@link #done()}: at the end of
     * the source, when the reader stopped, and when the waiting thread is interrupted (the flag stays set).
     * {@link #reachedEnd()} tells the end from a stop: an interrupt stops the run like a cancellation, so the chunks
     * already read still come out.
     */
    Chunk take() {
        return poll(-1);
    }

    /**
     * As {@link #take()}, waiting at most {@code millis} (negative: as long as it takes); null also when none came
     * in time, with {@link #done()} still false.
     */
    Chunk poll(long millis) {
        Object o;
        try {
            o = millis < 0 ? queue.take() : queue.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = true;
            return null;
        }
        if (o == null) {
            return null;
        }
        if (o == END || o == STOPPED) {
            done = true;
            return null;
        }
        if (o instanceof RuntimeException e) {
            throw e;
        }
        if (o instanceof Throwable t) {
            throw new UnableToRunException("the reader of source " + sourceName + " failed: " + t, t);
        }
        return (Chunk) o;
    }

    /** The chunks read ahead but not yet taken, once the reader has stopped. */
    List<Chunk> drain() {
        List<Chunk> left = new ArrayList<>();
        Object o;
        while ((o = queue.poll()) != null) {
            if (o instanceof Chunk c) {
                left.add(c);
            }
        }
        return left;
    }

    /** Stops reading ahead and waits (up to 5 s) for the reading thread to end. */
    void stop() {
        stopped = true;
        if (thread == null) {
            return;
        }
        thread.interrupt();
        // waited for even when this thread is interrupted: a chunk the reader puts after the drain would be lost
        boolean interrupted = Thread.interrupted();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether {@link #take()} has nothing more to give: the source ended, or reading stopped. */
    boolean done() {
        return done;
    }

    /** Whether the source has ended (rather than the reading stopped before its end). */
    boolean reachedEnd() {
        return sourceEnded;
    }
}

package org.marketlink.core.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a source chunk by chunk: on the calling thread ({@link #read}), or ahead of it on a thread of its own
 * into a bounded queue ({@link #start()}, {@link #take()}), so that parsing overlaps the stages. Not thread-safe
 * beyond that hand-over: one committing thread takes.
 */
final class ChunkReader {
    private static final Object END = new Object();

    private final Cursor<?> cursor;
    private final String sourceName;
    private final int chunkSize;
    private final Cancellation cancellation;
    private BlockingQueue<Object> queue;
    private Thread thread;
    private volatile boolean stopped;
    private long index;
    private long read;
    /** A source failure held back until the rows read before it have gone out as a chunk. */
    private UnableToRunException failure;

    ChunkReader(Cursor<?> cursor, String sourceName, int chunkSize, Cancellation cancellation) {
        this.cursor = cursor;
        this.sourceName = sourceName;
        this.chunkSize = chunkSize;
        this.cancellation = cancellation;
    }

    /**
     * The next chunk, read on this thread; empty at the end of the source. When the source fails part-way through
     * a chunk, the rows read before the failure come out as a last chunk and the next call throws: what was read
     * is written before the run stops.
     */
    Chunk read() {
        if (failure != null) {
            UnableToRunException e = failure;
            failure = null;
            throw e;
        }
        Chunk chunk = new Chunk(index++, read + 1);
        while (chunk.rowsRead() < chunkSize) {
            boolean more;
            try {
                more = cursor.next((row, n) -> chunk.items.add(new Chunk.Item(row, n)), chunk.rejections::add);
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
                break;
            }
        }
        read += chunk.rowsRead();
        return chunk;
    }

    /** Starts reading ahead on a thread of its own, at most {@code capacity} chunks ahead. */
    /** Set by the committing thread when it takes the end of the source. */
    private boolean reachedEnd;

    void start(int capacity, String threadName) {
        queue = new ArrayBlockingQueue<>(capacity);
        thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (!stopped && !cancellation.isCancelled()) {
                Chunk chunk = read();
                if (chunk.rowsRead() == 0) {
                    break;
                }
                put(chunk);
            }
            put(END);
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
     * The next chunk read ahead, in source order; null at the end of the source, and null when the waiting thread
     * is interrupted (the flag stays set, and {@link #reachedEnd()} tells the two apart): an interrupt stops the run
     * like a cancellation, so the chunks already read still come out.
     */
    Chunk take() {
        Object o;
        try {
            o = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (o == END) {
            reachedEnd = true;
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

    /** Whether {@link #take()} has seen the end of the source. */
    boolean reachedEnd() {
        return reachedEnd;
    }
}

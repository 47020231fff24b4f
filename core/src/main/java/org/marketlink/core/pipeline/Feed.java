package org.marketlink.core.pipeline;

import org.marketlink.core.Checks;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * An unbounded source the host pushes rows into: its own consumer, listener or socket calls {@link #put} (which
 * waits while the feed is full: back-pressure, so memory stays bounded whatever the input rate) and {@link #close}
 * at the end. A run over it ends when the feed is closed and drained, or when it is cancelled; with
 * {@link RunOptions#withMaxLatency} each row reaches the sink within about that delay however slowly rows arrive.
 * One run reads a feed at a time.
 *
 * <p>{@link #put} and {@link #close} are thread-safe; the run reads on its own thread.
 *
 * @param <T> row type
 */
public final class Feed<T> implements Source<T>, AutoCloseable {
    /** How long the run's reader waits for a row before it looks at the clock and at a cancellation. */
    private static final long POLL_MILLIS = 20;

    private final String name;
    private final BlockingQueue<T> queue;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean open = new AtomicBoolean();

    private Feed(String name, int capacity) {
        this.name = Checks.notBlank("name", name);
        this.queue = new ArrayBlockingQueue<>(Checks.atLeast("capacity", capacity, 1));
    }

    /**
     * A feed named {@code name} holding at most {@code capacity} rows not yet read.
     *
     * @param name     the source's name, for reports and lineage
     * @param capacity rows it holds before {@link #put} waits
     * @param <T>      row type
     * @return an open, empty feed
     */
    public static <T> Feed<T> of(String name, int capacity) {
        return new Feed<>(name, capacity);
    }

    /**
     * Adds a row, waiting while the feed is full.
     *
     * @param row the row, not null
     * @throws IllegalStateException when the feed is closed
     * @throws InterruptedException  when the waiting thread is interrupted
     */
    public void put(T row) throws InterruptedException {
        Checks.notNull("row", row);
        if (closed.get()) {
            throw new IllegalStateException("feed " + name + " is closed");
        }
        queue.put(row);
    }

    /**
     * Adds a row if there is room within {@code wait}.
     *
     * @param row  the row, not null
     * @param wait the longest to wait for room
     * @return whether the row was added
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public boolean offer(T row, Duration wait) throws InterruptedException {
        Checks.notNull("row", row);
        if (closed.get()) {
            throw new IllegalStateException("feed " + name + " is closed");
        }
        return queue.offer(row, wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Ends the feed: a run reads what is left and completes. */
    @Override
    public void close() {
        closed.set(true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public OptionalLong estimatedSize() {
        return OptionalLong.empty();
    }

    @Override
    public Cursor<T> open() {
        if (!open.compareAndSet(false, true)) {
            throw new IllegalStateException("feed " + name + " is already being read by a run");
        }
        return new Cursor<>() {
            private long row;

            @Override
            public boolean next(RowConsumer<T> value, Consumer<Rejection> rejected) {
                T next;
                try {
                    next = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    // the run is being stopped: keep the flag, hand nothing over
                    Thread.currentThread().interrupt();
                    return true;
                }
                if (next == null) {
                    // quiet: the end only once closed and drained
                    return !(closed.get() && queue.isEmpty());
                }
                value.accept(next, ++row);
                return true;
            }

            @Override
            public void close() {
                open.set(false);
            }
        };
    }
}

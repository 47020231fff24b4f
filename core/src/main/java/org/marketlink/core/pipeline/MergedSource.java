package org.marketlink.core.pipeline;

import org.marketlink.core.Checks;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Several sources read at once, each on its own thread, merged into one stream of {@link Tagged} rows. Memory
 * is bounded by the queue capacity. Rows of one source keep their order; rows of different sources interleave
 * in arrival order. A source that fails stops the merged read with its error.
 *
 * @param <T> row type
 */
public final class MergedSource<T> implements Source<Tagged<T>> {
    private final String name;
    private final List<Source<T>> sources;
    private final int capacity;

    private MergedSource(String name, List<Source<T>> sources, int capacity) {
        this.name = name;
        this.sources = sources;
        this.capacity = capacity;
    }

    /** Merges {@code sources}, holding at most {@code capacity} rows read ahead. */
    public static <T> MergedSource<T> of(String name, List<? extends Source<T>> sources, int capacity) {
        Checks.notBlank("name", name);
        Checks.atLeast("capacity", capacity, 1);
        List<Source<T>> list = List.copyOf(Checks.list("sources", sources));
        if (list.isEmpty()) {
            throw new IllegalArgumentException("sources must not be empty");
        }
        return new MergedSource<>(name, list, capacity);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public OptionalLong estimatedSize() {
        long total = 0;
        for (Source<T> s : sources) {
            OptionalLong n = s.estimatedSize();
            if (n.isEmpty()) {
                return OptionalLong.empty();
            }
            total += n.getAsLong();
        }
        return OptionalLong.of(total);
    }

    /** One message from a reader thread. */
    private record Event(Object payload, long rowNumber, String source, int kind) {
        static final int VALUE = 0;
        static final int REJECTED = 1;
        static final int END = 2;
        static final int FAILED = 3;
    }

    @Override
    public Cursor<Tagged<T>> open() {
        BlockingQueue<Event> queue = new ArrayBlockingQueue<>(capacity);
        AtomicBoolean closed = new AtomicBoolean();
        List<Thread> readers = new ArrayList<>();
        for (Source<T> source : sources) {
            Thread t = new Thread(() -> read(source, queue, closed), "marketlink-merge-" + source.name());
            t.setDaemon(true);
            readers.add(t);
            t.start();
        }
        return new Cursor<>() {
            private int running = sources.size();
            private long row;

            @Override
            public boolean next(RowConsumer<Tagged<T>> value, Consumer<Rejection> rejected) {
                while (running > 0) {
                    Event e;
                    try {
                        e = queue.take();
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new UnableToRunException("interrupted while merging sources", ie);
                    }
                    switch (e.kind()) {
                        case Event.VALUE -> {
                            @SuppressWarnings("unchecked")
                            T v = (T) e.payload();
                            value.accept(new Tagged<>(e.source(), e.rowNumber(), v), ++row);
                            return true;
                        }
                        case Event.REJECTED -> {
                            row++;
                            rejected.accept((Rejection) e.payload());
                            return true;
                        }
                        case Event.END -> running--;
                        default -> {
                            close();
                            Throwable cause = (Throwable) e.payload();
                            throw new UnableToRunException("source " + e.source() + " failed: " + cause.getMessage(),
                                    cause);
                        }
                    }
                }
                return false;
            }

            @Override
            public void close() {
                closed.set(true);
                readers.forEach(Thread::interrupt);
            }
        };
    }

    private static <T> void read(Source<T> source, BlockingQueue<Event> queue, AtomicBoolean closed) {
        try (Cursor<T> cursor = source.open()) {
            boolean more = true;
            while (more && !closed.get()) {
                more = cursor.next((v, n) -> put(queue, new Event(v, n, source.name(), Event.VALUE), closed),
                        r -> put(queue, new Event(r, r.rowNumber(), source.name(), Event.REJECTED), closed));
            }
            put(queue, new Event(null, 0, source.name(), Event.END), closed);
        } catch (RuntimeException e) {
            put(queue, new Event(e, 0, source.name(), Event.FAILED), closed);
        }
    }

    private static void put(BlockingQueue<Event> queue, Event event, AtomicBoolean closed) {
        try {
            while (!closed.get() && !queue.offer(event, 100, TimeUnit.MILLISECONDS)) {
                // the consumer is slow; keep waiting unless the merged cursor was closed
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

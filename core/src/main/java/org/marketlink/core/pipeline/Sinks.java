package org.marketlink.core.pipeline;

import org.marketlink.core.internal.Checks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/** Factories for common sinks. */
public final class Sinks {
    private Sinks() {
    }

    /**
     * A sink that hands each chunk to {@code write}, for example {@code store.products()::upsertAll}: each chunk
     * is then one transaction and a retried chunk is an idempotent upsert.
     */
    public static <T> Sink<T> of(String name, Consumer<List<T>> write) {
        Checks.notBlank("name", name);
        Checks.notNull("write", write);
        return new Sink<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void write(ChunkKey key, List<T> rows) {
                write.accept(rows);
            }
        };
    }

    /** Discards rows (for benchmarks and dry runs). */
    public static <T> Sink<T> discard() {
        return of("discard", rows -> { });
    }

    /** Collects rows in memory, in order; a retried chunk replaces its earlier attempt. Thread-safe. */
    public static <T> ListSink<T> list() {
        return new ListSink<>();
    }

    /** Collects rejections in memory. Thread-safe. */
    public static ListQuarantine quarantineList() {
        return new ListQuarantine();
    }

    /** An in-memory sink, keyed by chunk so that retries do not duplicate rows. */
    public static final class ListSink<T> implements Sink<T> {
        private final java.util.TreeMap<Long, List<T>> chunks = new java.util.TreeMap<>();

        @Override
        public String name() {
            return "list";
        }

        @Override
        public synchronized void write(ChunkKey key, List<T> rows) {
            chunks.put(key.index(), List.copyOf(rows));
        }

        /** Every row written, in chunk order. */
        public synchronized List<T> rows() {
            List<T> all = new ArrayList<>();
            chunks.values().forEach(all::addAll);
            return Collections.unmodifiableList(all);
        }
    }

    /** An in-memory quarantine, keyed by chunk. */
    public static final class ListQuarantine implements QuarantineSink {
        private final java.util.TreeMap<Long, List<Rejection>> chunks = new java.util.TreeMap<>();

        @Override
        public synchronized void write(ChunkKey key, List<Rejection> rejections) {
            chunks.put(key.index(), List.copyOf(rejections));
        }

        public synchronized List<Rejection> rejections() {
            List<Rejection> all = new ArrayList<>();
            chunks.values().forEach(all::addAll);
            return Collections.unmodifiableList(all);
        }
    }
}

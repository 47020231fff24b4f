package org.marketlink.core.pipeline;

import org.marketlink.core.Checks;

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

    /**
     * An in-memory sink, keyed by run and chunk so that a retried chunk does not duplicate rows and runs sharing
     * the sink keep every row. Thread-safe.
     */
    public static final class ListSink<T> implements Sink<T> {
        private final ChunkedList<T> chunks = new ChunkedList<>();

        @Override
        public String name() {
            return "list";
        }

        @Override
        public void write(ChunkKey key, List<T> rows) {
            chunks.put(key, rows);
        }

        /** Every row written: runs in the order they first wrote, each run's chunks in chunk order. */
        public List<T> rows() {
            return chunks.all();
        }
    }

    /** An in-memory quarantine, keyed by run and chunk like {@link ListSink}. Thread-safe. */
    public static final class ListQuarantine implements QuarantineSink {
        private final ChunkedList<Rejection> chunks = new ChunkedList<>();

        @Override
        public void write(ChunkKey key, List<Rejection> rejections) {
            chunks.put(key, rejections);
        }

        /** Every rejection written, in the order of {@link ListSink#rows()}. */
        public List<Rejection> rejections() {
            return chunks.all();
        }
    }
}

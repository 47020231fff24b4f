package org.marketlink.core.io;

import org.marketlink.core.Checks;
import org.marketlink.core.data.Json;
import org.marketlink.core.data.JsonRows;
import org.marketlink.core.data.Row;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.QuarantineSink;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.Sink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes one JSON object per line (MarketLink's snake_case JSON for records; field name to value for
 * {@link Row}s). A retried chunk replaces its failed attempt. Also usable as a quarantine file. Thread-safe.
 *
 * @param <T> row type
 */
public final class JsonLinesSink<T> implements Sink<T>, AutoCloseable {
    private final Path path;
    private final ChunkFile file;

    private JsonLinesSink(Path path) {
        this.path = path;
        this.file = new ChunkFile(path, new byte[0]);
    }

    /** A new file at {@code path}, replacing any. */
    public static <T> JsonLinesSink<T> create(Path path) {
        Checks.notNull("path", path);
        return new JsonLinesSink<>(path);
    }

    /** A quarantine file: one JSON object per rejected row, with its reason, stage, column and raw text. */
    public static Quarantine quarantine(Path path) {
        return new Quarantine(create(path));
    }

    /** A JSON Lines quarantine file. Thread-safe. */
    public static final class Quarantine implements QuarantineSink, AutoCloseable {
        private final JsonLinesSink<Rejection> file;

        private Quarantine(JsonLinesSink<Rejection> file) {
            this.file = file;
        }

        @Override
        public void write(ChunkKey key, List<Rejection> rejections) throws Exception {
            file.write(key, rejections);
        }

        @Override
        public void close() {
            file.close();
        }
    }

    @Override
    public String name() {
        return path.toString();
    }

    @Override
    public void write(ChunkKey key, List<T> rows) throws Exception {
        file.write(key.index(), render(rows));
    }

    private static byte[] render(List<?> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows.size() * 128);
        for (Object row : rows) {
            out.write(Json.mapper().writeValueAsBytes(row instanceof Row r ? JsonRows.toMap(r) : row));
            out.write('\n');
        }
        return out.toByteArray();
    }

    @Override
    public void complete() {
        file.close();
    }

    @Override
    public void close() {
        file.close();
    }
}

package org.marketlink.core.io;

import org.marketlink.core.Checks;
import org.marketlink.core.UnableToReadException;
import org.marketlink.core.data.Json;
import org.marketlink.core.data.JsonRows;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Cursor;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.Source;
import org.marketlink.core.privacy.Masking;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * One JSON object per line, read as records of a class (through MarketLink's JSON mapping, so the records'
 * own validation applies) or as rows of a schema. Blank lines are skipped; a line that is not valid JSON or
 * not a valid value is quarantined ({@code PARSE_ERROR}) with its text, and reading goes on. UTF-8; {@code .gz}
 * files are read through gzip.
 *
 * @param <T> row type
 */
public final class JsonLinesSource<T> implements Source<T> {
    /** Turns one parsed line into a value, or throws to quarantine it. */
    @FunctionalInterface
    private interface LineReader<T> {
        T read(String line) throws Exception;
    }

    private final Path file;
    private final LineReader<T> reader;
    // what a rejected line must not show: the personal fields of the rows' schema or of the record type
    private final Schema masking;

    private JsonLinesSource(Path file, LineReader<T> reader, Schema masking) {
        this.file = file;
        this.reader = reader;
        this.masking = masking;
    }

    /** Lines as records (or any Jackson-readable class). */
    public static <T> JsonLinesSource<T> records(Path file, Class<T> type) {
        Checks.notNull("file", file);
        Checks.notNull("type", type);
        return new JsonLinesSource<>(file, line -> Json.mapper().readValue(line, type),
                JsonRows.maskingOf(type));
    }

    /** Lines as rows of {@code schema}: each object's members by field name; missing members are empty. */
    public static JsonLinesSource<Row> rows(Path file, Schema schema) {
        Checks.notNull("file", file);
        Checks.notNull("schema", schema);
        return new JsonLinesSource<>(file, line -> JsonRows.parse(line, schema), schema);
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public Cursor<T> open() {
        BufferedReader in;
        try {
            InputStream stream = Files.newInputStream(file);
            if (file.getFileName().toString().endsWith(".gz")) {
                stream = new GZIPInputStream(stream, 1 << 16);
            }
            in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)), 1 << 16);
        } catch (IOException e) {
            throw new UnableToReadException("could not open " + file + ": " + e.getMessage(), e);
        }
        return new Cursor<>() {
            private long row;

            @Override
            public boolean next(RowConsumer<T> value, Consumer<Rejection> rejected) {
                String line;
                try {
                    do {
                        line = in.readLine();
                    } while (line != null && line.isBlank());
                } catch (CharacterCodingException e) {
                    throw new UnableToReadException(file + " is not valid UTF-8 after line " + row, e);
                } catch (IOException e) {
                    throw new UnableToReadException("could not read " + file + " after line " + row + ": " + e, e);
                }
                if (line == null) {
                    return false;
                }
                row++;
                try {
                    value.accept(reader.read(line), row);
                } catch (Exception e) {
                    rejected.accept(new Rejection("PARSE_ERROR", "jsonl", JsonRows.fieldOf(e),
                            JsonRows.describe(e, masking), Masking.maskJson(line, masking), row, name()));
                }
                return true;
            }

            @Override
            public void close() {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        };
    }
}

package org.marketlink.parquet;

import org.marketlink.core.Checks;
import org.marketlink.core.data.RecordRows;
import org.marketlink.core.data.Row;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.Cursor;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.Sink;
import org.marketlink.core.pipeline.Source;
import org.marketlink.core.privacy.Masking;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Domain records ({@code Product}, {@code Order}, ...) in Parquet files: one column per record component, as
 * {@link RecordRows} maps them (nested values and lists as JSON text), through {@link ParquetSink} and
 * {@link ParquetSource}. A row that is not a valid record (the record's own constructor refuses a value) is
 * quarantined as {@code INVALID_RECORD} with its values as text, personal components masked.
 *
 * <p>Stateless; its sinks are thread-safe as {@link ParquetSink} is, its sources as {@link ParquetSource} is.
 */
public final class ParquetRecords {
    private ParquetRecords() {
    }

    /**
     * A new Parquet file at {@code path} of records of {@code type}.
     *
     * @param path the file, replaced when it exists
     * @param type the record class
     * @param <T>  the record type
     * @return the sink; {@code complete()} finishes the file
     */
    public static <T extends Record> Sink<T> sink(Path path, Class<T> type) {
        RecordRows<T> rows = RecordRows.of(Checks.notNull("type", type));
        ParquetSink file = ParquetSink.create(path, rows.schema());
        return new Sink<>() {
            @Override
            public String name() {
                return file.name();
            }

            @Override
            public void write(ChunkKey key, List<T> records) {
                List<Row> chunk = new ArrayList<>(records.size());
                for (T r : records) {
                    chunk.add(rows.toRow(r));
                }
                file.write(key, chunk);
            }

            @Override
            public void complete() {
                file.complete();
            }
        };
    }

    /**
     * The records of {@code type} in the Parquet file at {@code path}.
     *
     * @param path a Parquet file written by {@link #sink} (or with the same columns)
     * @param type the record class
     * @param <T>  the record type
     * @return the source
     */
    public static <T extends Record> Source<T> source(Path path, Class<T> type) {
        RecordRows<T> rows = RecordRows.of(Checks.notNull("type", type));
        ParquetSource file = ParquetSource.of(path, rows.schema());
        return new Source<>() {
            @Override
            public String name() {
                return file.name();
            }

            @Override
            public OptionalLong estimatedSize() {
                return file.estimatedSize();
            }

            @Override
            public Cursor<T> open() {
                Cursor<Row> inner = file.open();
                return new Cursor<>() {
                    @Override
                    public boolean next(RowConsumer<T> value, Consumer<Rejection> rejected) {
                        return inner.next((row, n) -> {
                            T record;
                            try {
                                record = rows.fromRow(row);
                            } catch (IllegalArgumentException e) {
                                // the message may quote a value: withheld when the record holds personal data
                                rejected.accept(new Rejection("INVALID_RECORD", "parquet", "",
                                        Masking.mayHoldPersonal(row) ? type.getSimpleName()
                                                + ": a value was refused (message withheld: personal data)"
                                                : e.getMessage(), Masking.render(row), n, file.name()));
                                return;
                            }
                            value.accept(record, n);
                        }, rejected);
                    }

                    @Override
                    public void close() {
                        inner.close();
                    }
                };
            }
        };
    }
}

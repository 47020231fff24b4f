package org.marketlink.core.io;

import org.marketlink.core.Checks;
import org.marketlink.core.UnableToReadException;
import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.ColumnCursor;
import org.marketlink.core.pipeline.ColumnSource;
import org.marketlink.core.pipeline.Cursor;
import org.marketlink.core.pipeline.Rejection;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/**
 * Rows of a {@link Schema} from a CSV file with a header line. Columns are matched to fields by header name; extra
 * columns are ignored, a missing required column fails when the first row is read. A cell that does not parse as
 * its field's type quarantines its row ({@code PARSE_ERROR}, naming the column and the text); a row with the wrong
 * number of cells is quarantined as {@code RAGGED_ROW}; a damaged record (a quote never closed, text after a closing
 * quote, a record past {@link CsvOptions#maxRecordChars()}) is quarantined as {@code MALFORMED_CSV} with its first
 * line, and reading goes on at the next line. Files ending in {@code .gz} are read through gzip.
 *
 * <p>By default the file is read on the calling thread. {@link #withParallelism(int)} reads it in blocks of about a
 * megabyte that are split into records and parsed into rows on several threads (the host's {@link Executor} or the
 * common pool, with the calling thread lending a hand), in the file's order and with exactly the rows, row numbers
 * and quarantined records of the one-thread read: a block is parsed on the guess that it starts at a record, and
 * the guess is checked and, where a quoted cell spans the cut, mended before its rows come out. Parallel reading
 * needs a charset in which the byte {@code 0x0A} is always a line break (UTF-8, US-ASCII, ISO-8859-*, windows-125*);
 * a file in another is read on one thread.
 *
 * <p>Immutable and thread-safe; each {@link #open()} reads the file anew.
 */
public final class CsvSource implements ColumnSource {
    /** Bytes per block of a parallel read: large enough that the hand-over costs nothing, small enough to spread. */
    static final int BLOCK_BYTES = 1 << 20;

    private final Path file;
    private final Schema schema;
    private final CsvOptions options;
    private final int parallelism;
    private final Executor executor;
    private final int blockBytes;

    private CsvSource(Path file, Schema schema, CsvOptions options, int parallelism, Executor executor,
            int blockBytes) {
        this.file = file;
        this.schema = schema;
        this.options = options;
        this.parallelism = parallelism;
        this.executor = executor;
        this.blockBytes = blockBytes;
    }

    /** A source reading {@code file} as {@code schema}, columns found by header name, on the calling thread. */
    public static CsvSource of(Path file, Schema schema, CsvOptions options) {
        Checks.notNull("file", file);
        Checks.notNull("schema", schema);
        Checks.notNull("options", options);
        return new CsvSource(file, schema, options, 1, null, BLOCK_BYTES);
    }

    /**
     * This source reading blocks on up to {@code threads} threads at once: the calling thread and tasks on the
     * {@linkplain #withExecutor executor}; 1 reads on the calling thread alone.
     */
    public CsvSource withParallelism(int threads) {
        Checks.atLeast("threads", threads, 1);
        return new CsvSource(file, schema, options, threads, executor, blockBytes);
    }

    /**
     * This source running its parallel read's tasks on the host's {@code executor} instead of
     * {@link ForkJoinPool#commonPool()}; a task the executor refuses runs on the calling thread.
     */
    public CsvSource withExecutor(Executor executor) {
        Checks.notNull("executor", executor);
        return new CsvSource(file, schema, options, parallelism, executor, blockBytes);
    }

    /** This source with blocks of {@code bytes} bytes, for tests that need many block boundaries. */
    CsvSource withBlockBytes(int bytes) {
        Checks.atLeast("bytes", bytes, 2);
        return new CsvSource(file, schema, options, parallelism, executor, bytes);
    }

    /** How many threads read the file at once (1: the calling thread alone). */
    public int parallelism() {
        return parallelism;
    }

    @Override
    public String name() {
        return file.toString();
    }

    /** The schema rows are read as. */
    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public Cursor<Row> open() {
        return new CsvCursor(outcomes(true));
    }

    /**
     * Reads the file into column batches: the same records, parsed as {@link #open()} parses them and quarantined
     * for the same reasons, set into the batch's arrays without a {@link Row} per record.
     */
    @Override
    public ColumnCursor openColumns(int batchRows) {
        Checks.atLeast("batchRows", batchRows, 1);
        return new CsvColumns(new CsvCursor(outcomes(false)), batchRows);
    }

    private CsvOutcomes outcomes(boolean rows) {
        InputStream in = null;
        try {
            in = Files.newInputStream(file);
            if (file.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            if (parallelism > 1 && CsvBlockOutcomes.cutsAtLineBreaks(options.charset())) {
                return new CsvBlockOutcomes(file, schema, options, rows, in, blockBytes,
                        executor != null ? executor : ForkJoinPool.commonPool(), parallelism);
            }
            Reader reader = new BufferedReader(new InputStreamReader(in, options.charset().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)),
                    1 << 16);
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            return new CsvStreamOutcomes(file, schema, options, rows, reader);
        } catch (CharacterCodingException e) {
            closeQuietly(in);
            throw new UnableToReadException("CSV file " + file + " is not valid " + options.charset()
                    + " text near its start; set CsvOptions.charset to its encoding", e);
        } catch (IOException e) {
            closeQuietly(in);
            throw new UnableToReadException("could not open CSV file " + file + ": " + e.getMessage(), e);
        }
    }

    static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    /** Outcomes handed out as rows (or values), numbered, with each problem turned into a rejection. */
    private final class CsvCursor implements Cursor<Row> {
        private final CsvOutcomes outcomes;
        private long row;
        private boolean done;

        CsvCursor(CsvOutcomes outcomes) {
            this.outcomes = outcomes;
        }

        @Override
        public boolean next(RowConsumer<Row> value, Consumer<Rejection> rejected) {
            Object o = read(rejected);
            if (o == null) {
                return false;
            }
            if (o instanceof Row r) {
                value.accept(r, row);
            }
            return true;
        }

        /**
         * The next record: a row or its values, {@link Boolean#FALSE} when it went to {@code rejected}, null at the
         * end of the file.
         */
        Object read(Consumer<Rejection> rejected) {
            if (done) {
                return null;
            }
            try {
                Object o = outcomes.next();
                if (o == null) {
                    done = true;
                    return null;
                }
                row++;
                if (o instanceof CsvLayout.Problem p) {
                    if (p.reason().equals(CsvLayout.Problem.UNDECODABLE)) {
                        throw outcomes.layout().undecodable(outcomes.line(), row);
                    }
                    rejected.accept(p.rejection(row, outcomes.line(), name()));
                    return Boolean.FALSE;
                }
                return o;
            } catch (CharacterCodingException e) {
                throw new UnableToReadException("CSV file " + file + " is not valid " + options.charset()
                        + " text after data row " + row + "; set CsvOptions.charset to its encoding", e);
            } catch (IOException e) {
                throw new UnableToReadException("could not read CSV file " + file + " after data row " + row + ": "
                        + e, e);
            }
        }

        /** The data row number of the record read last. */
        long row() {
            return row;
        }

        @Override
        public void close() {
            outcomes.close();
        }
    }

    /** Records parsed by a {@link CsvCursor} and set into one refilled batch. */
    private final class CsvColumns implements ColumnCursor {
        private final CsvCursor records;
        private final ColumnBatch batch;
        /** The positions of the text fields, which every batch vouches have no blank value. */
        private final int[] textFields;
        private boolean done;

        CsvColumns(CsvCursor records, int batchRows) {
            this.records = records;
            this.batch = ColumnBatch.allocate(schema, batchRows);
            this.textFields = IntStream.range(0, schema.size()).filter(f -> schema.field(f).type() == FieldType.STRING
                    || schema.field(f).type() == FieldType.JSON).toArray();
        }

        @Override
        public ColumnBatch next(Consumer<Rejection> rejected) {
            if (done) {
                return null;
            }
            long[] rowNumbers = batch.rowNumbers();
            int r = 0;
            while (r < batch.capacity()) {
                Object read = records.read(rejected);
                if (read == null) {
                    done = true;
                    break;
                }
                if (read instanceof Object[] values) {
                    for (int f = 0; f < values.length; f++) {
                        batch.set(f, r, values[f]);
                    }
                    rowNumbers[r++] = records.row();
                }
            }
            batch.setSize(r);
            // a cell's text is stripped and an empty one is null: no present text is blank
            for (int f : textFields) {
                batch.declareNoBlanks(f);
            }
            return r == 0 ? null : batch;
        }

        @Override
        public void close() {
            records.close();
        }
    }
}

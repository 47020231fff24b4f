package org.marketlink.core.io;

import org.marketlink.core.Checks;
import org.marketlink.core.UnableToReadException;
import org.marketlink.core.data.Cells;
import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.ColumnCursor;
import org.marketlink.core.pipeline.ColumnSource;
import org.marketlink.core.pipeline.Cursor;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.privacy.Masking;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/**
 * Rows of a {@link Schema} from a CSV file with a header line, through jackson-dataformat-csv. Columns are
 * matched to fields by header name; extra columns are ignored, a missing required column fails at open. A cell
 * that does not parse as its field's type quarantines its row ({@code PARSE_ERROR}, naming the column and the
 * text); a row with the wrong number of cells is quarantined as {@code RAGGED_ROW}; an unclosed quote ends the
 * read with one {@code MALFORMED_CSV} rejection for the rest of the file. Files ending in {@code .gz} are read
 * through gzip.
 *
 * <p>Immutable; each {@link #open()} reads the file anew.
 */
public final class CsvSource implements ColumnSource {

    private final Path file;
    private final Schema schema;
    private final CsvOptions options;

    private CsvSource(Path file, Schema schema, CsvOptions options) {
        this.file = file;
        this.schema = schema;
        this.options = options;
    }

    /** A source reading {@code file} as {@code schema}, columns found by header name. */
    public static CsvSource of(Path file, Schema schema, CsvOptions options) {
        Checks.notNull("file", file);
        Checks.notNull("schema", schema);
        Checks.notNull("options", options);
        return new CsvSource(file, schema, options);
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
        return opened();
    }

    /**
     * Reads the file into column batches: the same records, parsed as {@link #open()} parses them and quarantined
     * for the same reasons, set into the batch's arrays without a {@link Row} per record.
     */
    @Override
    public ColumnCursor openColumns(int batchRows) {
        Checks.atLeast("batchRows", batchRows, 1);
        return new CsvColumns(opened(), batchRows);
    }

    private CsvCursor opened() {
        Reader reader = null;
        try {
            InputStream in = Files.newInputStream(file);
            if (file.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            reader = new BufferedReader(new InputStreamReader(in, options.charset().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)),
                    1 << 16);
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            return new CsvCursor(new CsvRecords(reader, options.delimiter(), options.quote(),
                    options.maxRecordChars()), reader);
        } catch (CharacterCodingException e) {
            closeQuietly(reader);
            throw new UnableToReadException("CSV file " + file + " is not valid " + options.charset()
                    + " text near its start; set CsvOptions.charset to its encoding", e);
        } catch (IOException e) {
            closeQuietly(reader);
            throw new UnableToReadException("could not open CSV file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Reader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    private static final int END = -1;
    private static final int QUARANTINED = 0;
    private static final int PARSED = 1;

    private final class CsvCursor implements Cursor<Row> {
        private final CsvRecords records;
        private final Reader reader;
        private int[] columnOfField;
        private boolean[] personalColumn;
        private boolean anyPersonal;
        private int width;
        private List<String> header = List.of();
        private long row;
        private boolean done;
        private String[] lastCells;

        CsvCursor(CsvRecords records, Reader reader) {
            this.records = records;
            this.reader = reader;
        }

        @Override
        public boolean next(RowConsumer<Row> value, Consumer<Rejection> rejected) {
            Object[] values = new Object[schema.size()];
            int read = read(values, rejected);
            if (read == END) {
                return false;
            }
            if (read == PARSED) {
                Row parsed;
                try {
                    parsed = Row.of(schema, values);
                } catch (IllegalArgumentException e) {
                    rejected.accept(new Rejection("INVALID_ROW", "csv", "", e.getMessage(), raw(lastCells), row,
                            name()));
                    return true;
                }
                value.accept(parsed, row);
            }
            return true;
        }

        /**
         * Reads the next record into {@code values}.
         *
         * @return {@link #END} at the end of the file, {@link #QUARANTINED} when the record went to
         *         {@code rejected}, {@link #PARSED} when {@code values} holds its parsed cells
         */
        int read(Object[] values, Consumer<Rejection> rejected) {
            if (done) {
                return END;
            }
            try {
                if (columnOfField == null && !readHeader()) {
                    done = true;
                    return END;
                }
                CsvRecords.Record record = records.next();
                if (record == null) {
                    done = true;
                    return END;
                }
                row++;
                if (record.undecodable()) {
                    // the decoder marks bytes that are not text in the charset; the run stops at exactly this line,
                    // after every row before it
                    throw new UnableToReadException("CSV file " + file + " is not valid " + options.charset()
                            + " text at line " + record.line() + " (data row " + row + "); set CsvOptions.charset to "
                            + "its encoding");
                }
                if (record.damaged()) {
                    // one damaged record, quarantined with its own text; reading goes on at the next line
                    rejected.accept(new Rejection("MALFORMED_CSV", "csv", "", "line " + record.line() + ": "
                            + record.damage() + "; the record is quarantined and reading goes on at the next line",
                            maskDamaged(record.raw()), row, name()));
                    return QUARANTINED;
                }
                lastCells = record.cells();
                return parse(lastCells, values, rejected) ? PARSED : QUARANTINED;
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

        /** The damaged line with the cells of personal columns masked, split as well as a damaged line can be. */
        private String maskDamaged(String text) {
            if (!anyPersonal) {
                return text;
            }
            // a damaged record can span lines (an unclosed quote takes the next lines in): each line is split on
            // its own, quote-aware; a line whose cells do not line up with the header cannot say which cell is
            // personal, so all of its cells are masked
            StringBuilder out = new StringBuilder();
            String[] lines = text.split("\n", -1);
            for (int l = 0; l < lines.length; l++) {
                String line = lines[l];
                boolean cr = line.endsWith("\r");
                List<String> cells = cellsOf(cr ? line.substring(0, line.length() - 1) : line);
                out.append(l == 0 ? "" : "\n").append(raw(cells.toArray(new String[0]))).append(cr ? "\r" : "");
            }
            return out.toString();
        }

        /** One line's cells as written (quotes kept), split at delimiters outside quotes. */
        private List<String> cellsOf(String line) {
            List<String> cells = new ArrayList<>();
            char delimiter = options.delimiter();
            char quote = options.quote();
            boolean quoted = false;
            int start = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == quote) {
                    quoted = !quoted;
                } else if (c == delimiter && !quoted) {
                    cells.add(line.substring(start, i));
                    start = i + 1;
                }
            }
            cells.add(line.substring(start));
            return cells;
        }

        private boolean readHeader() throws IOException {
            CsvRecords.Record first = records.next();
            if (first == null) {
                return false;
            }
            if (first.damaged()) {
                throw new UnableToReadException("CSV file " + file + " has a header that cannot be read: "
                        + first.damage());
            }
            header = Arrays.stream(first.cells()).map(String::strip).toList();
            width = header.size();
            personalColumn = new boolean[width];
            for (int i = 0; i < width; i++) {
                personalColumn[i] = schema.isPersonal(header.get(i));
                anyPersonal |= personalColumn[i];
            }
            columnOfField = new int[schema.size()];
            for (int f = 0; f < schema.size(); f++) {
                Field field = schema.field(f);
                columnOfField[f] = header.indexOf(field.name());
                if (columnOfField[f] >= 0 && header.lastIndexOf(field.name()) != columnOfField[f]) {
                    throw new UnableToReadException("CSV file " + file + " has the column '" + field.name()
                            + "' more than once; its header is " + header);
                }
                if (columnOfField[f] < 0 && !field.nullable()) {
                    throw new UnableToReadException("CSV file " + file + " has no column '" + field.name()
                            + "'; its header is " + header);
                }
            }
            for (int i = 0; i < options.skipLinesAfterHeader() && records.next() != null; i++) {
                // lines that are not data
            }
            return true;
        }

        /** Parses the cells into {@code values}; false when the record is quarantined instead. */
        private boolean parse(String[] cells, Object[] values, Consumer<Rejection> rejected) {
            if (cells.length != width) {
                rejected.accept(new Rejection("RAGGED_ROW", "csv", "", "expected " + width + " cells, found "
                        + cells.length, raw(cells), row, name()));
                return false;
            }
            for (int f = 0; f < values.length; f++) {
                int c = columnOfField[f];
                Field field = schema.field(f);
                String text = c < 0 ? "" : cells[c];
                try {
                    values[f] = Cells.parse(field, text);
                } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
                    boolean pii = field.personal();
                    rejected.accept(new Rejection("PARSE_ERROR", "csv", field.name(), field.name() + ": '"
                            + (pii ? Masking.MASK : text) + "' is not a valid " + field.type()
                            + (e.getMessage() == null || pii ? "" : " (" + e.getMessage() + ")"), raw(cells), row,
                            name()));
                    return false;
                }
            }
            return true;
        }

        /** The row as it was in the file, personal data masked, rebuilt only for rows that are rejected. */
        private String raw(String[] cells) {
            String[] shown = cells.clone();
            boolean aligned = shown.length == personalColumn.length;
            for (int i = 0; i < shown.length; i++) {
                // cells that do not line up with the header (a ragged row) may hold a personal value anywhere
                if (aligned ? personalColumn[i] : anyPersonal) {
                    shown[i] = Masking.MASK;
                }
            }
            return String.join(String.valueOf(options.delimiter()), shown);
        }

        @Override
        public void close() {
            closeQuietly(reader);
        }
    }

    /** Records parsed by a {@link CsvCursor} and set into one refilled batch. */
    private final class CsvColumns implements ColumnCursor {
        private final CsvCursor records;
        private final ColumnBatch batch;
        private final Object[] values;
        /** The positions of the text fields, which every batch vouches have no blank value. */
        private final int[] textFields;
        private boolean done;

        CsvColumns(CsvCursor records, int batchRows) {
            this.records = records;
            this.batch = ColumnBatch.allocate(schema, batchRows);
            this.values = new Object[schema.size()];
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
                int read = records.read(values, rejected);
                if (read == END) {
                    done = true;
                    break;
                }
                if (read == PARSED) {
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

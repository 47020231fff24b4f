package org.marketlink.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.marketlink.core.Checks;
import org.marketlink.core.UnableToReadException;
import org.marketlink.core.data.Field;
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
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
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
public final class CsvSource implements Source<Row> {
    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private final Path file;
    private final Schema schema;
    private final CsvOptions options;

    private CsvSource(Path file, Schema schema, CsvOptions options) {
        this.file = file;
        this.schema = schema;
        this.options = options;
    }

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

    public Schema schema() {
        return schema;
    }

    @Override
    public Cursor<Row> open() {
        Reader reader = null;
        try {
            InputStream in = Files.newInputStream(file);
            if (file.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            reader = new BufferedReader(new InputStreamReader(in, options.charset().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
                    1 << 16);
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            CsvSchema csv = CsvSchema.emptySchema().withColumnSeparator(options.delimiter())
                    .withQuoteChar(options.quote());
            MappingIterator<String[]> lines = MAPPER.readerFor(String[].class).with(csv).readValues(reader);
            return new CsvCursor(lines, reader);
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

    private final class CsvCursor implements Cursor<Row> {
        private final MappingIterator<String[]> lines;
        private final Reader reader;
        private int[] columnOfField;
        private int width;
        private List<String> header = List.of();
        private long row;
        private boolean done;

        CsvCursor(MappingIterator<String[]> lines, Reader reader) {
            this.lines = lines;
            this.reader = reader;
        }

        @Override
        public boolean next(RowConsumer<Row> value, Consumer<Rejection> rejected) {
            if (done) {
                return false;
            }
            try {
                if (columnOfField == null && !readHeader()) {
                    done = true;
                    return false;
                }
                if (!lines.hasNextValue()) {
                    done = true;
                    return false;
                }
                String[] cells = lines.nextValue();
                row++;
                parse(cells, value, rejected);
                return true;
            } catch (JsonProcessingException e) {
                done = true;
                row++;
                rejected.accept(new Rejection("MALFORMED_CSV", "csv", "", "the file cannot be read past here ("
                        + e.getOriginalMessage() + "); the rest of it is in quarantine as this one rejection", "",
                        row, name()));
                return true;
            } catch (CharacterCodingException e) {
                throw new UnableToReadException("CSV file " + file + " is not valid " + options.charset()
                        + " text after data row " + row + "; set CsvOptions.charset to its encoding", e);
            } catch (IOException e) {
                throw new UnableToReadException("could not read CSV file " + file + " after data row " + row + ": "
                        + e, e);
            }
        }

        private boolean readHeader() throws IOException {
            if (!lines.hasNextValue()) {
                return false;
            }
            header = Arrays.stream(lines.nextValue()).map(String::strip).toList();
            width = header.size();
            columnOfField = new int[schema.size()];
            for (int f = 0; f < schema.size(); f++) {
                Field field = schema.field(f);
                columnOfField[f] = header.indexOf(field.name());
                if (columnOfField[f] < 0 && !field.nullable()) {
                    throw new UnableToReadException("CSV file " + file + " has no column '" + field.name()
                            + "'; its header is " + header);
                }
            }
            for (int i = 0; i < options.skipLinesAfterHeader() && lines.hasNextValue(); i++) {
                lines.nextValue();
            }
            return true;
        }

        private void parse(String[] cells, RowConsumer<Row> value, Consumer<Rejection> rejected) {
            if (cells.length != width) {
                rejected.accept(new Rejection("RAGGED_ROW", "csv", "", "expected " + width + " cells, found "
                        + cells.length, raw(cells), row, name()));
                return;
            }
            Object[] values = new Object[schema.size()];
            for (int f = 0; f < values.length; f++) {
                int c = columnOfField[f];
                Field field = schema.field(f);
                String text = c < 0 ? "" : cells[c];
                try {
                    values[f] = CellParser.parse(field, text);
                } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
                    boolean pii = field.personal();
                    rejected.accept(new Rejection("PARSE_ERROR", "csv", field.name(), field.name() + ": '"
                            + (pii ? Masking.MASK : text) + "' is not a valid " + field.type()
                            + (e.getMessage() == null || pii ? "" : " (" + e.getMessage() + ")"), raw(cells), row,
                            name()));
                    return;
                }
            }
            value.accept(Row.of(schema, values), row);
        }

        /** The row as it was in the file, personal data masked, rebuilt only for rows that are rejected. */
        private String raw(String[] cells) {
            String[] shown = cells.clone();
            for (int i = 0; i < shown.length && i < header.size(); i++) {
                if (schema.isPersonal(header.get(i))) {
                    shown[i] = Masking.MASK;
                }
            }
            return String.join(String.valueOf(options.delimiter()), shown);
        }

        @Override
        public void close() {
            try {
                lines.close();
            } catch (IOException ignored) {
                // nothing to do
            }
            closeQuietly(reader);
        }
    }
}

package org.marketlink.core.io;

import org.marketlink.core.UnableToReadException;
import org.marketlink.core.data.Cells;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.privacy.Masking;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A CSV file's columns matched to a schema's fields by its header, and what each record becomes under them: a row
 * (or its values), or a {@link Problem} saying why not. Immutable once built, so the workers of a parallel read
 * share one.
 */
final class CsvLayout {
    /** Why a record is not a row, before its row number (and line) are known. */
    record Problem(String reason, String field, String message, String raw) {
        /** The reason of a record holding bytes that are not text in the charset: the read stops there. */
        static final String UNDECODABLE = "UNDECODABLE";
        static final String MALFORMED = "MALFORMED_CSV";

        Rejection rejection(long row, long line, String source) {
            String text = reason.equals(MALFORMED) ? "line " + line + ": " + message
                    + "; the record is quarantined and reading goes on at the next line" : message;
            return new Rejection(reason, "csv", field, text, raw, row, source);
        }
    }

    private final Path file;
    private final Schema schema;
    private final CsvOptions options;
    private final int width;
    private final int[] columnOfField;
    private final boolean[] personalColumn;
    private final boolean anyPersonal;

    private CsvLayout(Path file, Schema schema, CsvOptions options, List<String> header) {
        this.file = file;
        this.schema = schema;
        this.options = options;
        this.width = header.size();
        this.personalColumn = new boolean[width];
        boolean personal = false;
        for (int i = 0; i < width; i++) {
            personalColumn[i] = schema.isPersonal(header.get(i));
            personal |= personalColumn[i];
        }
        this.anyPersonal = personal;
        this.columnOfField = new int[schema.size()];
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
    }

    /**
     * Reads the header and the lines skipped after it from {@code records}, and gives their layout; null when the
     * text is empty. An error naming the file when the header is damaged or lacks a column, or when a parallel
     * read's first block ends inside the header or a skipped line.
     */
    static CsvLayout read(CsvRecords records, Path file, Schema schema, CsvOptions options) throws IOException {
        CsvRecords.Record header = records.next();
        if (header == null && records.incomplete()) {
            throw new UnableToReadException("CSV file " + file + " has a header with a quoted cell longer than the "
                    + "first block of the parallel read; read it with parallelism 1");
        }
        if (header == null) {
            return null;
        }
        CsvLayout layout = of(file, schema, options, header);
        for (int i = 0; i < options.skipLinesAfterHeader(); i++) {
            if (records.next() == null) {
                if (records.incomplete()) {
                    throw new UnableToReadException("CSV file " + file + " has a line to skip after its header that "
                            + "is longer than the first block of the parallel read; read it with parallelism 1");
                }
                break;
            }
        }
        return layout;
    }

    /** The layout the header record gives; an error naming the file when the header is damaged or lacks a column. */
    static CsvLayout of(Path file, Schema schema, CsvOptions options, CsvRecords.Record header) {
        if (header.damaged()) {
            throw new UnableToReadException("CSV file " + file + " has a header that cannot be read: "
                    + header.damage());
        }
        return new CsvLayout(file, schema, options, Arrays.stream(header.cells()).map(String::strip).toList());
    }

    /**
     * What {@code record} becomes: a {@link Row} (with {@code rows}) or its parsed values in a new array (without),
     * or a {@link Problem}.
     */
    Object outcome(CsvRecords.Record record, boolean rows) {
        if (record.undecodable()) {
            return new Problem(Problem.UNDECODABLE, "", "", "");
        }
        if (record.damaged()) {
            // one damaged record, quarantined with its own text; reading goes on at the next line
            return new Problem(Problem.MALFORMED, "", record.damage(), maskDamaged(record.raw()));
        }
        Object[] values = new Object[schema.size()];
        Problem problem = parse(record.cells(), values);
        if (problem != null || !rows) {
            return problem != null ? problem : values;
        }
        try {
            return Row.of(schema, values);
        } catch (IllegalArgumentException e) {
            return new Problem("INVALID_ROW", "", e.getMessage(), raw(record.cells()));
        }
    }

    /** Parses the cells into {@code values}; the problem when the record is quarantined instead. */
    Problem parse(String[] cells, Object[] values) {
        if (cells.length != width) {
            return new Problem("RAGGED_ROW", "", "expected " + width + " cells, found " + cells.length, raw(cells));
        }
        for (int f = 0; f < values.length; f++) {
            int c = columnOfField[f];
            Field field = schema.field(f);
            String text = c < 0 ? "" : cells[c];
            try {
                values[f] = Cells.parse(field, text);
            } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
                boolean pii = field.personal();
                return new Problem("PARSE_ERROR", field.name(), field.name() + ": '" + (pii ? Masking.MASK : text)
                        + "' is not a valid " + field.type()
                        + (e.getMessage() == null || pii ? "" : " (" + e.getMessage() + ")"), raw(cells));
            }
        }
        return null;
    }

    /** The row as it was in the file, personal data masked, rebuilt only for rows that are rejected. */
    String raw(String[] cells) {
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

    /** The error that stops a read at a record holding bytes that are not text in the charset. */
    UnableToReadException undecodable(long line, long row) {
        // the decoder marks bytes that are not text in the charset; the run stops at exactly this line, after
        // every row before it
        return new UnableToReadException("CSV file " + file + " is not valid " + options.charset() + " text at line "
                + line + " (data row " + row + "); set CsvOptions.charset to its encoding");
    }
}

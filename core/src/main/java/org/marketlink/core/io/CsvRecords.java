package org.marketlink.core.io;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records (RFC 4180: quoted cells may hold delimiters, doubled quotes and line breaks) and,
 * unlike a tokenizer that gives up at the first damage, resynchronises: a record that cannot be read is handed out
 * as {@link Record#damage()} with its own first line as raw text, and reading goes on at the next line.
 *
 * <p>Damage is a quote that is not closed before the end of the file or within {@code maxRecordChars}, text after
 * a closing quote, or a record longer than {@code maxRecordChars}. The next line is where a trustworthy record can
 * start again: a stray quote cannot swallow the rest of the file, and a giant line costs bounded memory.
 *
 * <p>Not thread-safe: one instance per reader.
 */
final class CsvRecords {
    /** One record: its cells, or the reason it could not be read; its raw text; its first line (from 1). */
    record Record(String[] cells, String damage, String raw, long line) {
        boolean damaged() {
            return damage != null;
        }
    }

    private static final int RAW_SHOWN = 10_000;

    private final Reader in;
    private final char delimiter;
    private final char quote;
    private final int maxRecordChars;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    /** Text to read again before the reader: what followed the first line of a damaged record. */
    private final StringBuilder again = new StringBuilder();
    private int againAt;
    private long line = 1;
    private boolean eof;

    CsvRecords(Reader in, char delimiter, char quote, int maxRecordChars) {
        this.in = in;
        this.delimiter = delimiter;
        this.quote = quote;
        this.maxRecordChars = maxRecordChars;
    }

    /** The next record, or null at the end of the text; blank lines are skipped. */
    Record next() throws IOException {
        Record r;
        do {
            r = record();
        } while (r != null && !r.damaged() && r.raw().isEmpty());
        return r;
    }

    private Record record() throws IOException {
        int c = read();
        if (c < 0) {
            return null;
        }
        long start = line;
        StringBuilder raw = new StringBuilder();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean afterClosingQuote = false;
        boolean cellStart = true;
        while (true) {
            if (c >= 0 && raw.length() < maxRecordChars) {
                raw.append((char) c);
            } else if (c >= 0) {
                return tooLong(raw, start, quoted);
            }
            if (quoted) {
                if (c < 0) {
                    return unclosed(raw, start);
                }
                if (c == quote) {
                    int d = peek();
                    if (d == quote) {
                        raw.append((char) read());
                        cell.append(quote);
                    } else {
                        quoted = false;
                        afterClosingQuote = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append((char) c);
                }
            } else if (c < 0 || c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                if (c >= 0) {
                    line++;
                    raw.setLength(Math.max(0, raw.length() - 1));
                }
                cells.add(cell.toString());
                return new Record(cells.toArray(String[]::new), null, raw.toString(), start);
            } else if (c == delimiter) {
                cells.add(cell.toString());
                cell.setLength(0);
                afterClosingQuote = false;
                cellStart = true;
                c = read();
                continue;
            } else if (afterClosingQuote) {
                return afterQuote(raw, start);
            } else if (c == quote && cellStart) {
                quoted = true;
            } else {
                cell.append((char) c);
            }
            cellStart = false;
            c = read();
        }
    }

    /** A quote that the file never closes: the record's first line is damaged; the lines after it are read again. */
    private Record unclosed(StringBuilder raw, long start) throws IOException {
        return resync(raw, start, "a quote is opened and never closed");
    }

    private Record tooLong(StringBuilder raw, long start, boolean quoted) throws IOException {
        if (quoted) {
            return resync(raw, start, "a quoted cell runs past " + maxRecordChars + " characters");
        }
        // an unquoted line that long: skip to its end, keeping only the start
        int c;
        while ((c = read()) >= 0 && c != '\n') {
            // bounded memory: nothing kept
        }
        line++;
        return new Record(null, "the line's length passes the limit of " + maxRecordChars + " characters", shown(raw), start);
    }

    private Record afterQuote(StringBuilder raw, long start) throws IOException {
        // the rest of this line belongs to the damaged record; the next line starts afresh
        int c;
        while ((c = read()) >= 0 && c != '\n' && c != '\r') {
            if (raw.length() < maxRecordChars) {
                raw.append((char) c);
            }
        }
        if (c == '\r' && peek() == '\n') {
            read();
        }
        if (c >= 0) {
            line++;
        }
        return new Record(null, "text follows a closing quote", shown(raw), start);
    }

    private Record resync(StringBuilder raw, long start, String why) throws IOException {
        int end = 0;
        while (end < raw.length() && raw.charAt(end) != '\n' && raw.charAt(end) != '\r') {
            end++;
        }
        if (end == raw.length()) {
            // the first line alone fills the limit: skip the rest of it, keep nothing more
            int c;
            while ((c = read()) >= 0 && c != '\n') {
                // bounded memory: nothing kept
            }
            line = start + 1;
            return new Record(null, why, shown(raw), start);
        }
        int next = end;
        if (next < raw.length() && raw.charAt(next) == '\r') {
            next++;
        }
        if (next < raw.length() && raw.charAt(next) == '\n') {
            next++;
        }
        // read again everything after the first line, in front of what is still unread
        again.insert(againAt, raw, next, raw.length());
        line = start + 1;
        eof = false;
        return new Record(null, why, shown(new StringBuilder(raw.subSequence(0, end))), start);
    }

    private static String shown(StringBuilder raw) {
        return raw.length() <= RAW_SHOWN ? raw.toString() : raw.substring(0, RAW_SHOWN) + "…";
    }

    private int read() throws IOException {
        if (againAt < again.length()) {
            char c = again.charAt(againAt++);
            if (againAt == again.length()) {
                again.setLength(0);
                againAt = 0;
            }
            return c;
        }
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++];
    }

    private int peek() throws IOException {
        if (againAt < again.length()) {
            return again.charAt(againAt);
        }
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position];
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}

package org.marketlink.core.io;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Splits CSV text into records (RFC 4180: quoted cells may hold delimiters, doubled quotes and line breaks) and,
 * unlike a tokenizer that gives up at the first damage, resynchronises: a record that cannot be read is handed out
 * as {@link Record#damage()} with its own first line as raw text, and reading goes on at the next line.
 *
 * <p>Damage is a quote that is not closed before the end of the file or within {@code maxRecordChars}, text after
 * a closing quote, or a record longer than {@code maxRecordChars}. The next line is where a trustworthy record can
 * start again: a stray quote cannot swallow the rest of the file, and a giant line costs bounded memory.
 *
 * <p>The record being read stays whole in the character buffer (the buffer is compacted, or grown up to the record
 * limit, when it runs out), so a cell becomes a string straight from the buffer and resynchronising is moving back
 * to the end of the record's first line: nothing is copied per record but its cells.
 *
 * <p>The same scan reads a stream ({@link #CsvRecords(Reader, char, char, int)}) or one block of a file that a
 * parallel reader cut after a line break ({@link #block}); a block that is not the file's last may end inside a
 * quoted cell, and then {@link #next()} returns null with {@link #incomplete()} set instead of calling the record
 * damaged: the record is finished by reading it again with the next block joined on. The result of reading a block
 * from a record's start is exactly what reading the whole file would give from there. Not thread-safe: one instance
 * per reader.
 */
final class CsvRecords {
    /** One record: its cells, or the reason it could not be read and its raw text; its first line (from 1). */
    record Record(String[] cells, String damage, String raw, long line, boolean undecodable) {
        boolean damaged() {
            return damage != null;
        }
    }

    /** The most raw text a damaged record keeps. */
    private static final int RAW_SHOWN = 10_000;
    /** What {@link #record()} returns for an empty line, which {@link #next()} skips. */
    private static final Record BLANK = new Record(new String[0], null, null, 0, false);

    private final Reader in;
    private final char delimiter;
    private final char quote;
    private final int maxRecordChars;
    /** Whether the end of the text is the end of the file; false for a parallel reader's inner block. */
    private final boolean endIsFinal;
    private char[] buffer;
    /** Where the record being read starts in {@link #buffer}. */
    private int start;
    private int position;
    private int limit;
    private boolean eof;
    private long line;
    /** Where the cell being read starts (or resumes after a doubled quote) in {@link #buffer}. */
    private int cellStart;
    private String[] cells = new String[16];
    private int cellCount;
    /** A quoted cell's text up to its last doubled quote (one quote kept); empty for a cell without one. */
    private final StringBuilder unescaped = new StringBuilder();
    /** Whether the current record holds U+FFFD, what the decoder puts where the bytes were not valid text. */
    private boolean undecodable;
    private boolean incomplete;

    /** Records read from a stream, lines counted from 1. */
    CsvRecords(Reader in, char delimiter, char quote, int maxRecordChars) {
        this(in, new char[1 << 16], 0, 0, false, delimiter, quote, maxRecordChars, true);
    }

    private CsvRecords(Reader in, char[] buffer, int from, int to, boolean eof, char delimiter, char quote,
            int maxRecordChars, boolean endIsFinal) {
        this.in = in;
        this.buffer = buffer;
        this.start = from;
        this.position = from;
        this.limit = to;
        this.eof = eof;
        this.delimiter = delimiter;
        this.quote = quote;
        this.maxRecordChars = maxRecordChars;
        this.endIsFinal = endIsFinal;
        this.line = 1;
    }

    /**
     * Records of {@code text[from, to)}, lines counted from 1 at {@code from}; {@code last} says whether the text
     * ends where the file ends. The array is read, never written.
     */
    static CsvRecords block(char[] text, int from, int to, boolean last, char delimiter, char quote,
            int maxRecordChars) {
        return new CsvRecords(null, text, from, to, true, delimiter, quote, maxRecordChars, last);
    }

    /**
     * The next record, or null at the end of the text (or, with {@link #incomplete()}, where a block ends inside
     * a record); blank lines are skipped.
     */
    Record next() throws IOException {
        Record r;
        do {
            r = record();
        } while (r == BLANK);
        return r;
    }

    /** Whether the last {@link #next()} returned null because the block ends inside the record at {@link #position()}. */
    boolean incomplete() {
        return incomplete;
    }

    /** Where in the text reading stands: after the last record returned, or at the start of an incomplete one. */
    int position() {
        return position;
    }

    /** The line reading stands at, counted from 1 at the start of the text. */
    long line() {
        return line;
    }

    private Record record() throws IOException {
        start = position;
        long first = line;
        if (!available()) {
            return null;
        }
        cellCount = 0;
        undecodable = false;
        char c = buffer[position];
        if (c == '\n' || c == '\r') {
            endOfLine();
            return BLANK;
        }
        while (true) {
            if (!available()) {
                // end of text right after a delimiter: an empty last cell
                add("");
                return done(first);
            }
            String value;
            if (buffer[position] == quote) {
                position++;
                value = quoted(first);
                if (value == null) {
                    return incomplete ? null : damagedQuote(first);
                }
            } else {
                value = unquoted();
                if (value == null) {
                    return tooLong(first);
                }
            }
            add(value);
            if (!available()) {
                return done(first);
            }
            c = buffer[position];
            if (c == delimiter) {
                position++;
                continue;
            }
            if (c == '\r' || c == '\n') {
                endOfLine();
                return done(first);
            }
            // only a closing quote can leave the scan on another character
            return afterQuote(first);
        }
    }

    /** An unquoted cell, up to the next delimiter or line break; null when the record passes the limit. */
    private String unquoted() throws IOException {
        cellStart = position;
        while (true) {
            int cap = cap();
            int end = Math.min(limit, cap);
            int i = position;
            char[] b = buffer;
            while (i < end) {
                char c = b[i];
                if (c == delimiter || c == '\n' || c == '\r') {
                    break;
                }
                if (c == '\uFFFD') {
                    undecodable = true;
                }
                i++;
            }
            position = i;
            if (i == cap) {
                return null;
            }
            if (i < end || !fill()) {
                return new String(buffer, cellStart, position - cellStart);
            }
        }
    }

    /**
     * A quoted cell after its opening quote; null when the record is damaged (quote not closed in time) or, with
     * {@link #incomplete} set, when a block ends inside it.
     */
    private String quoted(long first) throws IOException {
        cellStart = position;
        unescaped.setLength(0);
        while (true) {
            int cap = cap();
            int end = Math.min(limit, cap);
            int i = position;
            char[] b = buffer;
            while (i < end && b[i] != quote) {
                if (b[i] == '\n') {
                    line++;
                } else if (b[i] == '\uFFFD') {
                    undecodable = true;
                }
                i++;
            }
            position = i;
            if (i == cap) {
                return null;
            }
            if (i == limit) {
                if (fill()) {
                    continue;
                }
                if (!endIsFinal) {
                    incomplete = true;
                    position = start;
                    line = first;
                }
                return null;
            }
            // a quote: doubled, it is one quote in the cell; alone, it closes the cell
            position++;
            if (available() && buffer[position] == quote) {
                unescaped.append(buffer, cellStart, position - cellStart);
                position++;
                cellStart = position;
                continue;
            }
            int close = position - 1;
            if (unescaped.isEmpty()) {
                return new String(buffer, cellStart, close - cellStart);
            }
            return unescaped.append(buffer, cellStart, close - cellStart).toString();
        }
    }

    private void add(String value) {
        if (cellCount == cells.length) {
            cells = Arrays.copyOf(cells, cellCount * 2);
        }
        cells[cellCount++] = value;
    }

    private void endOfLine() throws IOException {
        char c = buffer[position++];
        if (c == '\r' && available() && buffer[position] == '\n') {
            position++;
        }
        line++;
    }

    private Record done(long first) {
        return new Record(Arrays.copyOf(cells, cellCount), null, null, first, undecodable);
    }

    /**
     * A quote not closed before the end of the text or within the limit: the record's first line is the damaged
     * record, and reading goes on right after it.
     */
    private Record damagedQuote(long first) throws IOException {
        return firstLineDamaged(first, position - start > maxRecordChars
                ? "a quoted cell runs past " + maxRecordChars + " characters"
                : "a quote is opened and never closed");
    }

    /** The record's first line is the damaged record, and reading goes on right after it. */
    private Record firstLineDamaged(long first, String why) throws IOException {
        int end = start;
        while (end < position && buffer[end] != '\n' && buffer[end] != '\r') {
            end++;
        }
        line = first + 1;
        if (end == position) {
            // the first line alone fills the limit (skip the rest of it), or the text ends inside it
            String shown = shown(start, end, position - start > maxRecordChars);
            skipLine();
            return new Record(null, why, shown, first, false);
        }
        String shown = shown(start, end, false);
        position = end + 1;
        if (buffer[end] == '\r' && available() && buffer[position] == '\n') {
            position++;
        }
        return new Record(null, why, shown, first, false);
    }

    /** A line longer than the limit: its first characters are shown, the rest of it skipped. */
    private Record tooLong(long first) throws IOException {
        String shown = shown(start, position, true);
        skipLine();
        line = first + 1;
        return new Record(null, "the line's length passes the limit of " + maxRecordChars + " characters", shown,
                first, false);
    }

    /**
     * Text after a closing quote: the rest of the line belongs to the damaged record. When the quoted cell took in
     * line breaks, the quote was most likely a stray one that a later line's quote only seemed to close: the
     * record's first line is the damaged record and the lines it took in are read again, so none is lost.
     */
    private Record afterQuote(long first) throws IOException {
        for (int i = start; i < position; i++) {
            if (buffer[i] == '\n' || buffer[i] == '\r') {
                return firstLineDamaged(first, "text follows a closing quote");
            }
        }
        boolean more = false;
        while (available() && buffer[position] != '\n' && buffer[position] != '\r') {
            position++;
            if (position - start >= RAW_SHOWN) {
                more = true;
                break;
            }
        }
        String shown = shown(start, position, more);
        if (more) {
            skipLine();
            line++;
        } else if (available()) {
            endOfLine();
        }
        return new Record(null, "text follows a closing quote", shown, first, false);
    }

    /** Where the record passes the limit: {@code maxRecordChars + 1} characters after its start. */
    private int cap() {
        return (int) Math.min((long) start + maxRecordChars + 1, Integer.MAX_VALUE);
    }

    /** Reads past the next {@code \n}, letting the buffer drop what it passes. */
    private void skipLine() throws IOException {
        while (true) {
            start = position;
            if (!available()) {
                return;
            }
            char[] b = buffer;
            int i = position;
            int end = limit;
            while (i < end && b[i] != '\n') {
                i++;
            }
            position = i;
            if (i < end) {
                position++;
                return;
            }
        }
    }

    /** The text {@code [from, to)}, cut to {@link #RAW_SHOWN} characters and marked when more followed. */
    private String shown(int from, int to, boolean more) {
        int n = Math.min(to - from, RAW_SHOWN);
        String text = new String(buffer, from, n);
        return more || to - from > RAW_SHOWN ? text + "…" : text;
    }

    /** Whether a character is there to read at {@link #position}, refilling the buffer when it is spent. */
    private boolean available() throws IOException {
        return position < limit || fill();
    }

    /**
     * Reads more text behind what the buffer holds, first moving the current record to the buffer's front (or
     * growing the buffer when the record fills it), so the record stays whole.
     */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (start > 0) {
            int kept = limit - start;
            System.arraycopy(buffer, start, buffer, 0, kept);
            position -= start;
            cellStart -= start;
            limit = kept;
            start = 0;
        }
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n <= 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }
}

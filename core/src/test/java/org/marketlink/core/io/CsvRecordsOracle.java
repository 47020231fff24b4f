package org.marketlink.core.io;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * The first tokenizer, kept as the oracle of the faster one: it builds each record's raw text as it reads.
 *
 * <p>Splits CSV text into records (RFC 4180: quoted cells may hold delimiters, doubled quotes and line breaks) and,
 * unlike a tokenizer that gives up at the first damage, resynchronises: a record that cannot be read is handed out
 * as {@link Record#damage()} with its own first line as raw text, and reading goes on at the next line.
 *
 * <p>Damage is a quote that is not closed before the end of the file or within {@code maxRecordChars}, text after
 * a closing quote, or a record longer than {@code maxRecordChars}. The next line is where a trustworthy record can
 * start again: a stray quote cannot swallow the rest of the file, and a giant line costs bounded memory.
 *
 * <p>The scan runs over a character buffer and copies whole runs of a cell at once; a cell that lies inside the
 * buffer becomes a string without an intermediate builder. Not thread-safe: one instance per reader.
 */
final class CsvRecordsOracle {
    /** One record: its cells, or the reason it could not be read; its raw text; its first line (from 1). */
    record Record(String[] cells, String damage, String raw, long line, boolean undecodable) {
        Record(String[] cells, String damage, String raw, long line) {
            this(cells, damage, raw, line, false);
        }

        boolean damaged() {
            return damage != null;
        }
    }

    private static final int RAW_SHOWN = 10_000;

    private final Reader in;
    private final char delimiter;
    private final char quote;
    private final int maxRecordChars;
    private char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private boolean eof;
    private long line = 1;
    /** The current record's text as read so far, for a damaged record's raw text and for resynchronising. */
    private final StringBuilder raw = new StringBuilder();
    private final StringBuilder cell = new StringBuilder();
    private final List<String> cells = new ArrayList<>();
    /** Whether the current record holds U+FFFD, what the decoder puts where the bytes were not valid text. */
    private boolean undecodable;
    /** The damaged record a quoted cell ended in, when it returned null. */
    private Record damaged;

    CsvRecordsOracle(Reader in, char delimiter, char quote, int maxRecordChars) {
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
        if (!available()) {
            return null;
        }
        long start = line;
        raw.setLength(0);
        cells.clear();
        undecodable = false;
        while (true) {
            if (!available()) {
                // end of text right after a delimiter: an empty last cell
                cells.add("");
                return done(start);
            }
            String value;
            if (buffer[position] == quote) {
                raw.append(quote);
                position++;
                value = quoted(start);
                if (value == null) {
                    return damaged;
                }
            } else {
                value = unquoted();
                if (raw.length() > maxRecordChars) {
                    return tooLong(start);
                }
            }
            cells.add(value);
            if (!available()) {
                return done(start);
            }
            char c = buffer[position];
            if (c == delimiter) {
                raw.append(delimiter);
                position++;
                continue;
            }
            if (c == '\r' || c == '\n') {
                endOfLine();
                return done(start);
            }
            // only a closing quote can leave the scan on another character
            return afterQuote(start);
        }
    }

    /** An unquoted cell: up to the next delimiter or line break. */
    private String unquoted() throws IOException {
        cell.setLength(0);
        while (true) {
            int from = position;
            int i = from;
            char[] b = buffer;
            int end = limit;
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
            raw.append(b, from, i - from);
            position = i;
            if (i < end) {
                if (cell.length() == 0) {
                    return new String(b, from, i - from);
                }
                return cell.append(b, from, i - from).toString();
            }
            cell.append(b, from, i - from);
            if (raw.length() > maxRecordChars || !fill()) {
                return cell.toString();
            }
        }
    }

    /** A quoted cell after its opening quote; null (with {@link #damaged} set) when the record is damaged. */
    private String quoted(long start) throws IOException {
        cell.setLength(0);
        while (true) {
            if (!available()) {
                damaged = resync(start, "a quote is opened and never closed");
                return null;
            }
            int from = position;
            int i = from;
            char[] b = buffer;
            int end = limit;
            while (i < end && b[i] != quote) {
                if (b[i] == '\n') {
                    line++;
                } else if (b[i] == '\uFFFD') {
                    undecodable = true;
                }
                i++;
            }
            cell.append(b, from, i - from);
            raw.append(b, from, i - from);
            position = i;
            if (raw.length() > maxRecordChars) {
                damaged = resync(start, "a quoted cell runs past " + maxRecordChars + " characters");
                return null;
            }
            if (i == end) {
                continue;
            }
            // a quote: doubled, it is one quote in the cell; alone, it closes the cell
            position++;
            raw.append(quote);
            if (available() && buffer[position] == quote) {
                cell.append(quote);
                raw.append(quote);
                position++;
                continue;
            }
            return cell.toString();
        }
    }

    private void endOfLine() throws IOException {
        char c = buffer[position++];
        if (c == '\r' && available() && buffer[position] == '\n') {
            position++;
        }
        line++;
    }

    private Record done(long start) {
        return new Record(cells.toArray(String[]::new), null, raw.toString(), start, undecodable);
    }

    private Record tooLong(long start) throws IOException {
        skipLine();
        line = start + 1;
        return new Record(null, "the line's length passes the limit of " + maxRecordChars + " characters",
                shown(raw), start);
    }

    /** Text after a closing quote: the rest of the line belongs to the damaged record. */
    private Record afterQuote(long start) throws IOException {
        // the rule both tokenizers follow since a stray quote was found to take in the lines up to the next quote
        if (raw.indexOf("\n") >= 0 || raw.indexOf("\r") >= 0) {
            return resync(start, "text follows a closing quote");
        }
        while (available() && buffer[position] != '\n' && buffer[position] != '\r') {
            if (raw.length() < RAW_SHOWN) {
                raw.append(buffer[position]);
            }
            position++;
        }
        if (available()) {
            endOfLine();
        }
        return new Record(null, "text follows a closing quote", shown(raw), start);
    }

    /**
     * A record that cannot be trusted past its first line: that line is the damaged record, and everything read
     * after it is read again, in front of what is still unread.
     */
    private Record resync(long start, String why) throws IOException {
        int end = 0;
        while (end < raw.length() && raw.charAt(end) != '\n' && raw.charAt(end) != '\r') {
            end++;
        }
        if (end == raw.length()) {
            // the first line alone fills the limit: skip the rest of it, keep nothing more
            skipLine();
            line = start + 1;
            return new Record(null, why, shown(raw), start);
        }
        int next = end;
        if (raw.charAt(next) == '\r') {
            next++;
        }
        if (next < raw.length() && raw.charAt(next) == '\n') {
            next++;
        }
        int again = raw.length() - next;
        int unread = limit - position;
        char[] joined = new char[Math.max(buffer.length, again + unread)];
        raw.getChars(next, raw.length(), joined, 0);
        System.arraycopy(buffer, position, joined, again, unread);
        buffer = joined;
        position = 0;
        limit = again + unread;
        line = start + 1;
        String first = raw.substring(0, end);
        return new Record(null, why, first.length() <= RAW_SHOWN ? first : first.substring(0, RAW_SHOWN) + "…",
                start);
    }

    private void skipLine() throws IOException {
        while (available()) {
            char c = buffer[position++];
            if (c == '\n') {
                return;
            }
        }
    }

    private static String shown(StringBuilder text) {
        return text.length() <= RAW_SHOWN ? text.toString() : text.substring(0, RAW_SHOWN) + "…";
    }

    /** Whether a character is there to read at {@link #position}, refilling the buffer when it is spent. */
    private boolean available() throws IOException {
        return position < limit || fill();
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = true;
            position = 0;
            limit = 0;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}

package org.marketlink.store.internal;

import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;

/**
 * Streams rows into PostgreSQL with {@code COPY ... FROM STDIN} in text format, formatting each row straight
 * into a reusable buffer that is flushed in large chunks. Runs inside the caller's transaction, so a failure
 * leaves nothing behind.
 */
public final class Copy {
    private static final int FLUSH_AT = 1 << 20;

    /** Appends one row's fields, each through {@link Line}, to the line. */
    @FunctionalInterface
    public interface Formatter<T> {
        void format(T row, Line line);
    }

    private Copy() {
    }

    /** Copies every row and returns the count the server reports. */
    public static <T> long copy(Handle handle, String table, List<String> columns, Iterator<T> rows,
                                Formatter<T> formatter) throws SQLException {
        PGConnection pg = handle.getConnection().unwrap(PGConnection.class);
        CopyIn copy = pg.getCopyAPI().copyIn("COPY " + table + " (" + String.join(", ", columns)
                + ") FROM STDIN (FORMAT text)");
        Line line = new Line();
        try {
            while (rows.hasNext()) {
                T row = rows.next();
                if (row == null) {
                    throw new IllegalArgumentException("bulk load of " + table + ": row " + (line.rows + 1)
                            + " is null");
                }
                formatter.format(row, line);
                line.endRow();
                if (line.text.length() >= FLUSH_AT) {
                    flush(copy, line);
                }
            }
            flush(copy, line);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void flush(CopyIn copy, Line line) throws SQLException {
        if (line.text.length() > 0) {
            byte[] bytes = line.text.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            line.text.setLength(0);
        }
    }

    /** The row being written: fields are separated by tabs and text is escaped as COPY's text format wants. */
    public static final class Line {
        private final StringBuilder text = new StringBuilder(FLUSH_AT + 4096);
        private boolean first = true;
        private long rows;

        private void sep() {
            if (!first) {
                text.append('\t');
            }
            first = false;
        }

        void endRow() {
            text.append('\n');
            first = true;
            rows++;
        }

        /** A field of plain characters that need no escaping (numbers, UUIDs, ISO times, enum names). */
        public Line raw(Object value) {
            sep();
            text.append(value);
            return this;
        }

        public Line number(long value) {
            sep();
            text.append(value);
            return this;
        }

        public Line number(double value) {
            sep();
            text.append(value);
            return this;
        }

        /** A text field, escaped; {@code null} is written as SQL NULL. */
        public Line text(String value) {
            sep();
            if (value == null) {
                text.append("\\N");
                return this;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> text.append("\\\\");
                    case '\t' -> text.append("\\t");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    default -> text.append(c);
                }
            }
            return this;
        }
    }
}

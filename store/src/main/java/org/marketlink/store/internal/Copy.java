package org.marketlink.store.internal;

import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

/**
 * Streams rows into PostgreSQL with {@code COPY ... FROM STDIN} in binary format, writing each row's fields straight
 * into a reusable buffer that is flushed in large chunks. Binary, because the server then parses no text: a UUID is
 * its 16 bytes, a time its microseconds, a decimal its base-10000 digits, which on a machine whose cores the
 * server shares with the client is most of a text COPY's cost. Runs inside the caller's transaction, so a failure
 * leaves nothing behind.
 *
 * <p>The format is PostgreSQL's ({@code COPY} "Binary Format"): a signature and two zero words, then per row the
 * number of fields and each field as its length (-1 for NULL) and its bytes in network order, then -1.
 */
public final class Copy {
    private static final int FLUSH_AT = 1 << 20;
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in seconds and days since 1970. */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;
    private static final long PG_EPOCH_DAYS = 10_957L;
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    /** Appends one row's fields, each through {@link Line}, in the order of the copy's columns. */
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
                + ") FROM STDIN (FORMAT binary)");
        Line line = new Line(columns.size());
        try {
            line.header();
            while (rows.hasNext()) {
                T row = rows.next();
                if (row == null) {
                    throw new IllegalArgumentException("bulk load of " + table + ": row " + (line.rows + 1)
                            + " is null");
                }
                line.startRow();
                formatter.format(row, line);
                line.endRow();
                if (line.size >= FLUSH_AT) {
                    flush(copy, line);
                }
            }
            line.trailer();
            flush(copy, line);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void flush(CopyIn copy, Line line) throws SQLException {
        if (line.size > 0) {
            copy.writeToCopy(line.bytes, 0, line.size);
            line.size = 0;
        }
    }

    /** The rows being written, as COPY's binary format wants them; one per copy, not thread-safe. */
    public static final class Line {
        private byte[] bytes = new byte[FLUSH_AT + 4096];
        private int size;
        private final int fields;
        private int written;
        private long rows;
        /** Base-10000 digits of the decimal being written. */
        private final short[] digits = new short[64];

        Line(int fields) {
            this.fields = fields;
        }

        void header() {
            ensure(SIGNATURE.length + 8);
            System.arraycopy(SIGNATURE, 0, bytes, size, SIGNATURE.length);
            size += SIGNATURE.length;
            int32(0); // flags: no OIDs
            int32(0); // no header extension
        }

        void trailer() {
            ensure(2);
            int16(-1);
        }

        void startRow() {
            ensure(2);
            int16(fields);
            written = 0;
        }

        void endRow() {
            if (written != fields) {
                throw new IllegalStateException("a row of " + written + " fields for a copy of " + fields + " columns");
            }
            rows++;
        }

        /** A UUID column, or NULL. */
        public Line uuid(UUID value) {
            if (value == null) {
                return nul();
            }
            field(16);
            int64(value.getMostSignificantBits());
            int64(value.getLeastSignificantBits());
            return this;
        }

        /** A {@code timestamptz} (or {@code timestamp}) column, to the microsecond, or NULL. */
        public Line timestamp(Instant value) {
            if (value == null) {
                return nul();
            }
            field(8);
            int64(Math.addExact(Math.multiplyExact(value.getEpochSecond() - PG_EPOCH_SECONDS, 1_000_000L),
                    value.getNano() / 1_000));
            return this;
        }

        /** A {@code date} column, or NULL. */
        public Line date(LocalDate value) {
            if (value == null) {
                return nul();
            }
            field(4);
            int32(Math.toIntExact(value.toEpochDay() - PG_EPOCH_DAYS));
            return this;
        }

        /** An {@code integer} column. */
        public Line int4(int value) {
            field(4);
            int32(value);
            return this;
        }

        /** A {@code bigint} column. */
        public Line int8(long value) {
            field(8);
            int64(value);
            return this;
        }

        /** A {@code double precision} column. */
        public Line float8(double value) {
            field(8);
            int64(Double.doubleToRawLongBits(value));
            return this;
        }

        /** A text column ({@code text}, {@code varchar}), or NULL. */
        public Line text(String value) {
            if (value == null) {
                return nul();
            }
            int n = value.length();
            boolean ascii = true;
            for (int i = 0; i < n && ascii; i++) {
                ascii = value.charAt(i) < 0x80;
            }
            if (ascii) {
                field(n);
                for (int i = 0; i < n; i++) {
                    bytes[size++] = (byte) value.charAt(i);
                }
            } else {
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                field(utf8.length);
                System.arraycopy(utf8, 0, bytes, size, utf8.length);
                size += utf8.length;
            }
            return this;
        }

        /**
         * A {@code numeric} column, or NULL: PostgreSQL's base-10000 form (digit count, weight of the first digit,
         * sign, display scale, digits), from the decimal's unscaled value, so no text is made for it.
         */
        public Line decimal(BigDecimal value) {
            if (value == null) {
                return nul();
            }
            int scale = value.scale();
            BigInteger unscaled = value.unscaledValue();
            if (scale < 0) {
                unscaled = unscaled.multiply(BigInteger.TEN.pow(-scale));
                scale = 0;
            }
            int sign = unscaled.signum();
            // the fast path pads the fraction to whole groups of four digits in a long: at most 16 of them
            if (scale > 16 || unscaled.bitLength() > 62) {
                return decimalFromText(value.abs().setScale(scale).toPlainString(), sign, scale);
            }
            long u = Math.abs(unscaled.longValue());
            // the fraction, padded on the right to whole groups of four digits
            int fractionGroups = (scale + 3) / 4;
            long fraction = (u % POWERS_OF_TEN[scale]) * POWERS_OF_TEN[fractionGroups * 4 - scale];
            long integer = u / POWERS_OF_TEN[scale];
            short[] d = digits;
            int integerGroups = 0;
            for (long rest = integer; rest > 0; rest /= 10_000) {
                integerGroups++;
            }
            for (int g = integerGroups - 1; g >= 0; g--) {
                d[g] = (short) (integer % 10_000);
                integer /= 10_000;
            }
            int n = integerGroups;
            for (int g = fractionGroups - 1; g >= 0; g--) {
                d[n + g] = (short) (fraction % 10_000);
                fraction /= 10_000;
            }
            n += fractionGroups;
            return numeric(d, n, integerGroups - 1, sign, scale);
        }

        private Line decimalFromText(String plain, int sign, int scale) {
            int point = plain.indexOf('.');
            String integer = point < 0 ? plain : plain.substring(0, point);
            String fraction = point < 0 ? "" : plain.substring(point + 1);
            if (integer.equals("0")) {
                integer = "";
            }
            int integerGroups = (integer.length() + 3) / 4;
            int fractionGroups = (fraction.length() + 3) / 4;
            short[] d = integerGroups + fractionGroups <= digits.length ? digits
                    : new short[integerGroups + fractionGroups];
            String paddedInteger = "0".repeat(integerGroups * 4 - integer.length()) + integer;
            String paddedFraction = fraction + "0".repeat(fractionGroups * 4 - fraction.length());
            for (int g = 0; g < integerGroups; g++) {
                d[g] = Short.parseShort(paddedInteger.substring(4 * g, 4 * g + 4));
            }
            for (int g = 0; g < fractionGroups; g++) {
                d[integerGroups + g] = Short.parseShort(paddedFraction.substring(4 * g, 4 * g + 4));
            }
            return numeric(d, integerGroups + fractionGroups, integerGroups - 1, sign, scale);
        }

        /** Writes digits {@code d[0..n)} whose first has weight {@code weight}, without leading or trailing zeros. */
        private Line numeric(short[] d, int n, int weight, int sign, int scale) {
            int first = 0;
            while (first < n && d[first] == 0) {
                first++;
                weight--;
            }
            int last = n;
            while (last > first && d[last - 1] == 0) {
                last--;
            }
            int count = last - first;
            if (count == 0) {
                weight = 0;
            }
            field(8 + 2 * count);
            int16(count);
            int16(weight);
            int16(sign < 0 && count > 0 ? 0x4000 : 0);
            int16(scale);
            for (int i = first; i < last; i++) {
                int16(d[i]);
            }
            return this;
        }

        private Line nul() {
            ensure(4);
            written++;
            int32(-1);
            return this;
        }

        /** Starts a field of {@code length} bytes: makes room for it and writes its length. */
        private void field(int length) {
            ensure(4 + length);
            written++;
            int32(length);
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        private void int16(int v) {
            bytes[size++] = (byte) (v >>> 8);
            bytes[size++] = (byte) v;
        }

        private void int32(int v) {
            bytes[size++] = (byte) (v >>> 24);
            bytes[size++] = (byte) (v >>> 16);
            bytes[size++] = (byte) (v >>> 8);
            bytes[size++] = (byte) v;
        }

        private void int64(long v) {
            int32((int) (v >>> 32));
            int32((int) v);
        }
    }
}

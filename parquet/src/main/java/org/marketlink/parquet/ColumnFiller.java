package org.marketlink.parquet;

import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.Field;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes one column's values into one field's array of a {@link ColumnBatch}, for {@link ColumnChunkDecoder}:
 * a run of rows at a time ({@link #fromDictionary(int[], int[], int, int)}, {@link #plainLongs} and its kin) where
 * the page allows, else a value at a time at the row {@link #row} says. Where
 * the column's type is the field's own (int64 into a {@code LONG}, a date into a {@code DATE}, UTF-8 into a
 * {@code STRING}...) values go straight into the primitive array; any other pairing goes through the field's
 * {@link ColumnDecoder}, one boxed value at a time. A dictionary is decoded once per column chunk, each entry
 * through the decoder, so a dictionary-encoded value costs an array lookup. A value the decoder refuses is
 * reported to {@link RowFailures}, which quarantines its row. Used by one reader on one thread.
 */
abstract class ColumnFiller {
    /** The failures of a column chunk's dictionary entries: the raw entry and why it does not fit. */
    private record BadEntry(Object raw, RuntimeException cause) {
    }

    final int field;
    private final ColumnDecoder decoder;
    /** Whether binary values are a decimal's unscaled bytes rather than UTF-8 text. */
    private final boolean bytes;
    private final PrimitiveType.PrimitiveTypeName physical;
    RowFailures failures;
    ColumnBatch batch;
    /** The batch row the next value goes to. */
    int row;
    private BadEntry[] badEntries;
    /** Whether every entry of the current dictionary fits its field: then runs of ids need no checks. */
    private boolean cleanDictionary;

    ColumnFiller(int field, Field spec, PrimitiveType column) {
        this.field = field;
        this.decoder = ColumnDecoder.of(spec, column);
        this.bytes = column.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
        this.physical = column.getPrimitiveTypeName();
    }

    /** The filler of {@code column}'s values into the field at {@code field}. */
    static ColumnFiller of(int field, Field spec, PrimitiveType column) {
        LogicalTypeAnnotation logical = column.getLogicalTypeAnnotation();
        boolean plainNumber = logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation;
        return switch (spec.type()) {
            case LONG -> new Longs(field, spec, column, plainNumber);
            case DOUBLE -> new Doubles(field, spec, column, plainNumber);
            case BOOLEAN -> new Booleans(field, spec, column);
            case DATE -> new Dates(field, spec, column,
                    logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation);
            case TIMESTAMP -> new Timestamps(field, spec, column,
                    logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t ? t.getUnit() : null);
            case STRING, JSON -> new Texts(field, spec, column, column.getPrimitiveTypeName()
                    == PrimitiveType.PrimitiveTypeName.BINARY && !(logical
                    instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation));
            case DECIMAL -> new Decimals(field, spec, column);
        };
    }

    /** Starts filling {@code batch}, reporting refused values to {@code failures}. */
    void bind(ColumnBatch batch, RowFailures failures) {
        this.batch = batch;
        this.failures = failures;
    }

    /** A value through the decoder, into the batch; a refused value fails its row. */
    final void decoded(Object raw) {
        try {
            batch.set(field, row, decoder.decode(raw));
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException | ClassCastException e) {
            failures.fail(row, field, raw, e);
        }
    }

    private Object raw(Binary b) {
        return bytes ? b.getBytes() : b.toStringUsingUTF8();
    }

    final void setDictionary(Dictionary d) {
        int n = d.getMaxId() + 1;
        Object[] values = new Object[n];
        badEntries = new BadEntry[n];
        for (int id = 0; id < n; id++) {
            Object raw = switch (physical) {
                case INT64 -> d.decodeToLong(id);
                case INT32 -> d.decodeToInt(id);
                case DOUBLE -> d.decodeToDouble(id);
                case FLOAT -> d.decodeToFloat(id);
                case BOOLEAN -> d.decodeToBoolean(id);
                default -> raw(d.decodeToBinary(id));
            };
            try {
                values[id] = decoder.decode(raw);
                checkFits(values[id]);
            } catch (IllegalArgumentException | DateTimeException | ArithmeticException | ClassCastException e) {
                badEntries[id] = new BadEntry(raw, e);
            }
        }
        cleanDictionary = true;
        for (int id = 0; id < n; id++) {
            cleanDictionary &= badEntries[id] == null;
        }
        dictionary(values);
    }

    /** Writes the empty value (zero, false or null) at the rows of {@code [from, from + k)} that have none. */
    final void clearEmpty(int[] present, int from, int k) {
        for (int i = 0; i < k; i++) {
            if (present[i] == 0) {
                batch.set(field, from + i, null);
            }
        }
    }

    /**
     * Writes rows {@code [from, from + k)} from dictionary ids: {@code ids} holds one id per present row, in order;
     * {@code present} says which rows have a value (null when all have).
     */
    final void fromDictionary(int[] ids, int[] present, int from, int k) {
        if (cleanDictionary) {
            fromCleanDictionary(ids, present, from, k);
            return;
        }
        for (int i = 0, j = 0; i < k; i++) {
            if (present == null || present[i] != 0) {
                row = from + i;
                addValueFromDictionary(ids[j++]);
            }
        }
    }

    /** {@link #fromDictionary} where every entry is a value that fits: a lookup and a store per row. */
    abstract void fromCleanDictionary(int[] ids, int[] present, int from, int k);

    /**
     * Writes rows {@code [from, from + k)} from a page's plain little-endian int64 values at index {@code p} of
     * the page's array {@code data}, one per present row ({@code present} as in {@link #fromDictionary}); returns the position after
     * them. Subclasses that take the values as they are override this with a loop of plain stores.
     */
    int plainLongs(byte[] data, int p, int[] present, int from, int k) {
        for (int i = 0; i < k; i++) {
            if (present == null || present[i] != 0) {
                row = from + i;
                addLong(LittleEndian.longAt(data, p));
                p += 8;
            }
        }
        return p;
    }

    /** As {@link #plainLongs}, for int32 values. */
    int plainInts(byte[] data, int p, int[] present, int from, int k) {
        for (int i = 0; i < k; i++) {
            if (present == null || present[i] != 0) {
                row = from + i;
                addInt(LittleEndian.intAt(data, p));
                p += 4;
            }
        }
        return p;
    }

    /** As {@link #plainLongs}, for double values. */
    int plainDoubles(byte[] data, int p, int[] present, int from, int k) {
        for (int i = 0; i < k; i++) {
            if (present == null || present[i] != 0) {
                row = from + i;
                addDouble(LittleEndian.doubleAt(data, p));
                p += 8;
            }
        }
        return p;
    }

    /** As {@link #plainLongs}, for float values. */
    int plainFloats(byte[] data, int p, int[] present, int from, int k) {
        for (int i = 0; i < k; i++) {
            if (present == null || present[i] != 0) {
                row = from + i;
                addFloat(LittleEndian.floatAt(data, p));
                p += 4;
            }
        }
        return p;
    }

    /** Throws as {@link ColumnBatch#set} would for a value the batch cannot hold (a date beyond int days). */
    void checkFits(Object value) {
    }

    /** Keeps the decoded entries of a new dictionary (null where an entry does not fit) in the subclass's form. */
    abstract void dictionary(Object[] values);

    /** Writes dictionary entry {@code id} at {@link #row}. */
    abstract void fromDictionary(int id);

    final void addValueFromDictionary(int id) {
        BadEntry bad = badEntries[id];
        if (bad != null) {
            failures.fail(row, field, bad.raw(), bad.cause());
        } else {
            fromDictionary(id);
        }
    }

    /** A value of the column's type at {@link #row}; these go through the decoder unless a subclass takes them. */
    void addBinary(Binary value) {
        decoded(raw(value));
    }

    void addBoolean(boolean value) {
        decoded(value);
    }

    void addDouble(double value) {
        decoded(value);
    }

    void addFloat(float value) {
        decoded(value);
    }

    void addInt(int value) {
        decoded(value);
    }

    void addLong(long value) {
        decoded(value);
    }

    private static final class Longs extends ColumnFiller {
        private final boolean direct;
        private long[] values;
        private long[] entries;

        Longs(int field, Field spec, PrimitiveType column, boolean direct) {
            super(field, spec, column);
            this.direct = direct;
        }

        @Override
        void bind(ColumnBatch batch, RowFailures failures) {
            super.bind(batch, failures);
            values = batch.longs(field);
        }

        @Override
        void dictionary(Object[] decoded) {
            entries = new long[decoded.length];
            for (int i = 0; i < decoded.length; i++) {
                entries[i] = decoded[i] == null ? 0 : (Long) decoded[i];
            }
        }

        @Override
        void fromDictionary(int id) {
            values[row] = entries[id];
        }

        @Override
        void fromCleanDictionary(int[] ids, int[] present, int from, int k) {
            long[] v = values;
            long[] e = entries;
            if (present == null) {
                for (int i = 0; i < k; i++) {
                    v[from + i] = e[ids[i]];
                }
            } else {
                for (int i = 0, j = 0; i < k; i++) {
                    if (present[i] != 0) {
                        v[from + i] = e[ids[j++]];
                    }
                }
            }
        }

        @Override
        int plainLongs(byte[] data, int p, int[] present, int from, int k) {
            if (!direct) {
                return super.plainLongs(data, p, present, from, k);
            }
            long[] v = values;
            for (int i = 0; i < k; i++) {
                if (present == null || present[i] != 0) {
                    v[from + i] = LittleEndian.longAt(data, p);
                    p += 8;
                }
            }
            return p;
        }

        @Override
        int plainInts(byte[] data, int p, int[] present, int from, int k) {
            if (!direct) {
                return super.plainInts(data, p, present, from, k);
            }
            long[] v = values;
            for (int i = 0; i < k; i++) {
                if (present == null || present[i] != 0) {
                    v[from + i] = LittleEndian.intAt(data, p);
                    p += 4;
                }
            }
            return p;
        }

        @Override
        void addLong(long value) {
            if (direct) {
                values[row] = value;
            } else {
                decoded(value);
            }
        }

        @Override
        void addInt(int value) {
            if (direct) {
                values[row] = value;
            } else {
                decoded(value);
            }
        }
    }

    private static final class Doubles extends ColumnFiller {
        private final boolean direct;
        private double[] values;
        private double[] entries;

        Doubles(int field, Field spec, PrimitiveType column, boolean direct) {
            super(field, spec, column);
            this.direct = direct;
        }

        @Override
        void bind(ColumnBatch batch, RowFailures failures) {
            super.bind(batch, failures);
            values = batch.doubles(field);
        }

        @Override
        void dictionary(Object[] decoded) {
            entries = new double[decoded.length];
            for (int i = 0; i < decoded.length; i++) {
                entries[i] = decoded[i] == null ? 0 : (Double) decoded[i];
            }
        }

        @Override
        void fromDictionary(int id) {
            values[row] = entries[id];
        }

        @Override
        void fromCleanDictionary(int[] ids, int[] present, int from, int k) {
            double[] v = values;
            double[] e = entries;
            if (present == null) {
                for (int i = 0; i < k; i++) {
                    v[from + i] = e[ids[i]];
                }
            } else {
                for (int i = 0, j = 0; i < k; i++) {
                    if (present[i] != 0) {
                        v[from + i] = e[ids[j++]];
                    }
                }
            }
        }

        @Override
        int plainDoubles(byte[] data, int p, int[] present, int from, int k) {
            if (!direct) {
                return super.plainDoubles(data, p, present, from, k);
            }
            double[] v = values;
            for (int i = 0; i < k; i++) {
                if (present == null || present[i] != 0) {
                    v[from + i] = LittleEndian.doubleAt(data, p);
                    p += 8;
                }
            }
            return p;
        }

        @Override
        int plainFloats(byte[] data, int p, int[] present, int from, int k) {
            if (!direct) {
                return super.plainFloats(data, p, present, from, k);
            }
            double[] v = values;
            for (int i = 0; i < k; i++) {
                if (present == null || present[i] != 0) {
                    v[from + i] = LittleEndian.floatAt(data, p);
                    p += 4;
                }
            }
            return p;
        }

        @Override
        void addDouble(double value) {
            if (direct) {
                values[row] = value;
            } else {
                decoded(value);
            }
        }

        @Override
        void addFloat(float value) {
            if (direct) {
                values[row] = value;
            } else {
                decoded(value);
            }
        }
    }

    private static final class Booleans extends ColumnFiller {
        private boolean[] values;
        private boolean[] entries;

        Booleans(int field, Field spec, PrimitiveType column) {
            super(field, spec, column);
        }

        @Override
        void bind(ColumnBatch batch, RowFailures failures) {
            super.bind(batch, failures);
            values = batch.booleans(field);
        }

        @Override
        void dictionary(Object[] decoded) {
            entries = new boolean[decoded.length];
            for (int i = 0; i < decoded.length; i++) {
                entries[i] = decoded[i] != null && (Boolean) decoded[i];
            }
        }

        @Override
        void fromDictionary(int id) {
            values[row] = entries[id];
        }

        @Override
        void fromCleanDictionary(int[] ids, int[] present, int from, int k) {
            boolean[] v = values;
            boolean[] e = entries;
            if (present == null) {
                for (int i = 0; i < k; i++) {
                    v[from + i] = e[ids[i]];
                }
            } else {
                for (int i = 0, j = 0; i < k; i++) {
                    if (present[i] != 0) {
                        v[from + i] = e[ids[j++]];
                    }
                }
            }
        }

        @Override
        void addBoolean(boolean value) {
            values[row] = value;
        }
    }

    private static final class Dates extends ColumnFiller {
        private final boolean direct;
        private int[] values;
        private int[] entries;

        Dates(int field, Field spec, PrimitiveType column, boolean direct) {
            super(field, spec, column);
            this.direct = direct;
        }

        @Override
        void bind(ColumnBatch batch, RowFailures failures) {
            super.bind(batch, failures);
            values = batch.dates(field);
        }

        @Override
        void checkFits(Object value) {
            Math.toIntExact(((LocalDate) value).toEpochDay());
        }

        @Override
        void dictionary(Object[] decoded) {
            entries = new int[decoded.length];
            for (int i = 0; i < decoded.length; i++) {
                entries[i] = decoded[i] == null ? 0 : (int) ((LocalDate) decoded[i]).toEpochDay();
            }
        }

        @Override
        void fromDictionary(int id) {
            values[row] = entries[id];
        }

        @Override
        void fromCleanDictionary(int[] ids, int[] present, int from, int k) {
            int[] v = values;
            int[] e = entries;
            if (present == null) {
                for (int i = 0; i < k; i++) {
                    v[from + i] = e[ids[i]];
                }
            } else {
                for (int i = 0, j = 0; i < k; i++) {
                    if (present[i] != 0) {
                        v[from + i] = e[ids[j++]];
                    }
                }
            }
        }

        @Override
        int plainInts(byte[] data, int p, int[] present, int from, int k) {
            if (!direct) {
                return super.plainInts(data, p, present, from, k);
            }
            int[] v = values;
            for (int i = 0; i < k; i++) {
                if (present == null || present[i] != 0) {
                    v[from + i] = LittleEndian.intAt(data, p);
                    p += 4;
                }
            }
            return p;
        }

        @Override
        void addInt(int value) {
            if (direct) {
                values[row] = value;
            } else {
                decoded(value);
            }
        }
    }

    private static final class Timestamps extends ColumnFiller {
        /** The unit of a timestamp column, null for a column of another type. */
        private static final long MILLIS_LIMIT = Long.MAX_VALUE / 1_000L;
        private final LogicalTypeAnnotation.TimeUnit unit;
        private long[] values;
        private long[] entries;

        Timestamps(int field, Field spec, PrimitiveType column, LogicalTypeAnnotation.TimeUnit unit) {
            super(field, spec, column);
            this.unit = column.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT64 ? unit : null;
        }

        @Override
        void bind(ColumnBatch batch, RowFailures failures) {
            super.bind(batch, failures);
            values = batch.timestamps(field);
        }

        @Override
        void checkFits(Object value) {
            ColumnBatch.microsOf((Instant) value);
        }

        @Override
        void dictionary(Object[] decoded) {
            entries = new long[decoded.length];
            for (int i = 0; i < decoded.length; i++) {
                entries[i] = decoded[i] == null ? 0 : ColumnBatch.microsOf((Instant) decoded[i]);
            }
        }

        @Override
        void fromDictionary(int id) {
            values[row] = entries[id];
        }

        @Override
        void fromCleanDictionary(int[] ids, int[] present, int from, int k) {
            long[] v = values;
            long[] e = entries;
            if (present == null) {
                for (int i = 0; i < k; i++) {
                    v[from + i] = e[ids[i]];
                }
            } else {
                for (int i = 0, j = 0; i < k; i++) {
                    if (present[i] != 0) {
                        v[from + i] = e[ids[j++]];
                    }
                }
            }
        }

        @Override
        int plainLongs(byte[] data, int p, int[] present, int from, int k) {
            if (!(unit == LogicalTypeAnnotation.TimeUnit.MICROS)) {
                return super.plainLongs(data, p, present, from, k);
            }
            long[] v = values;
            for (int i = 0; i < k; i++) {
                if (present == null || present[i] != 0) {
                    v[from + i] = LittleEndian.longAt(data, p);
                    p += 8;
                }
            }
            return p;
        }

        @Override
        void addLong(long value) {
            if (unit == null) {
                decoded(value);
                return;
            }
            switch (unit) {
                case MICROS -> values[row] = value;
                case NANOS -> values[row] = Math.floorDiv(value, 1_000L);
                case MILLIS -> {
                    if (value > -MILLIS_LIMIT && value < MILLIS_LIMIT) {
                        values[row] = value * 1_000L;
                    } else {
                        decoded(value);
                    }
                }
            }
        }
    }

    private static final class Texts extends ColumnFiller {
        private final boolean direct;
        private String[] values;
        private String[] entries;

        Texts(int field, Field spec, PrimitiveType column, boolean direct) {
            super(field, spec, column);
            this.direct = direct;
        }

        @Override
        void bind(ColumnBatch batch, RowFailures failures) {
            super.bind(batch, failures);
            values = batch.texts(field);
        }

        @Override
        void dictionary(Object[] decoded) {
            entries = new String[decoded.length];
            for (int i = 0; i < decoded.length; i++) {
                entries[i] = (String) decoded[i];
            }
        }

        @Override
        void fromDictionary(int id) {
            values[row] = entries[id];
        }

        @Override
        void fromCleanDictionary(int[] ids, int[] present, int from, int k) {
            String[] v = values;
            String[] e = entries;
            if (present == null) {
                for (int i = 0; i < k; i++) {
                    v[from + i] = e[ids[i]];
                }
            } else {
                for (int i = 0, j = 0; i < k; i++) {
                    if (present[i] != 0) {
                        v[from + i] = e[ids[j++]];
                    }
                }
            }
        }

        @Override
        void addBinary(Binary value) {
            if (!direct) {
                super.addBinary(value);
                return;
            }
            String s = value.toStringUsingUTF8();
            if (s.indexOf('\u0000') >= 0) {
                decoded(s);
            } else {
                values[row] = s;
            }
        }
    }

    private static final class Decimals extends ColumnFiller {
        private BigDecimal[] values;
        private BigDecimal[] entries;

        Decimals(int field, Field spec, PrimitiveType column) {
            super(field, spec, column);
        }

        @Override
        void bind(ColumnBatch batch, RowFailures failures) {
            super.bind(batch, failures);
            values = batch.decimals(field);
        }

        @Override
        void dictionary(Object[] decoded) {
            entries = new BigDecimal[decoded.length];
            for (int i = 0; i < decoded.length; i++) {
                entries[i] = (BigDecimal) decoded[i];
            }
        }

        @Override
        void fromDictionary(int id) {
            values[row] = entries[id];
        }

        @Override
        void fromCleanDictionary(int[] ids, int[] present, int from, int k) {
            BigDecimal[] v = values;
            BigDecimal[] e = entries;
            if (present == null) {
                for (int i = 0; i < k; i++) {
                    v[from + i] = e[ids[i]];
                }
            } else {
                for (int i = 0, j = 0; i < k; i++) {
                    if (present[i] != 0) {
                        v[from + i] = e[ids[j++]];
                    }
                }
            }
        }
    }

}

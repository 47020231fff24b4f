package org.marketlink.core.data;

import org.marketlink.core.Checks;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Up to {@link #capacity()} rows of a schema held column by column in primitive arrays, for readers and stages that
 * work a column at a time instead of a row at a time (no object per value for numbers, dates, times and flags).
 * Each field has one array, by type:
 * <ul>
 *   <li>{@code LONG}: {@link #longs(int)};</li>
 *   <li>{@code DOUBLE}: {@link #doubles(int)};</li>
 *   <li>{@code BOOLEAN}: {@link #booleans(int)};</li>
 *   <li>{@code DATE}: {@link #dates(int)}, days since 1970-01-01;</li>
 *   <li>{@code TIMESTAMP}: {@link #timestamps(int)}, microseconds since the epoch, UTC (as Spark, DuckDB and
 *   Parquet keep them: an {@link Instant}'s digits finer than a microsecond are not kept);</li>
 *   <li>{@code STRING} and {@code JSON}: {@link #texts(int)};</li>
 *   <li>{@code DECIMAL}: {@link #decimals(int)}.</li>
 * </ul>
 * and {@link #nulls(int)} says which of its values are empty (the typed array holds zero, false or null there).
 * Only the first {@link #size()} entries of each array are rows; the arrays may be longer. Each row keeps the row
 * number it had in its source ({@link #rowNumbers()}), so rows dropped on the way (quarantined) leave gaps.
 *
 * <p>A text field may be held {@link #encoded dictionary-encoded}: codes into a dictionary of its distinct values
 * ({@link #of} encodes a field with few distinct values, a reader may encode what its source encodes), so that code
 * judging text judges each distinct value once; {@link #texts} and {@link #get} read it like any other field.
 * A text field may instead be held {@link #inline inline}: the UTF-8 bytes of all its values one after another in
 * one array, with each row's start ({@link #utf8}, {@link #utf8Offsets}), as Arrow and DuckDB hold strings, so code
 * that reads every value walks one array instead of following a reference per row ({@link #of} inlines a text
 * field with many distinct values; a reader may hold what it read as bytes); {@link #texts} then decodes the values
 * on its first call.
 *
 * <p>A batch is filled by one reader and read by the code it hands the batch to; a reader may refill the same
 * batch for its next rows, so a consumer that keeps values keeps copies (or {@link #row(int) rows}). The arrays are
 * handed out as they are, for speed: a consumer must not write to them. Not thread-safe.
 */
public final class ColumnBatch {
    private final Schema schema;
    private final int capacity;
    private final Object[] values;
    private final boolean[][] nulls;
    private final long[] rowNumbers;
    /** Per text field: its values as codes into {@link #dictionaries}, or null while the field is plain. */
    private final int[][] codes;
    private final String[][] dictionaries;
    private final int[] dictionarySizes;
    /** Per encoded text field: whether its String array holds the decoded values too. */
    private final boolean[] decoded;
    /** Per inline text field: its values' UTF-8 bytes back to back, and where each row's start; null while not. */
    private final byte[][] utf8;
    private final int[][] utf8Offsets;
    /** Per text field: whether its producer vouched that no present value is blank (see {@link #noBlanks}). */
    private final boolean[] noBlanks;
    private int size;

    private ColumnBatch(Schema schema, int capacity) {
        this.schema = schema;
        this.capacity = capacity;
        this.values = new Object[schema.size()];
        this.nulls = new boolean[schema.size()][capacity];
        this.rowNumbers = new long[capacity];
        this.codes = new int[schema.size()][];
        this.dictionaries = new String[schema.size()][];
        this.dictionarySizes = new int[schema.size()];
        this.decoded = new boolean[schema.size()];
        this.utf8 = new byte[schema.size()][];
        this.utf8Offsets = new int[schema.size()][];
        this.noBlanks = new boolean[schema.size()];
        for (int f = 0; f < schema.size(); f++) {
            values[f] = switch (schema.field(f).type()) {
                case LONG, TIMESTAMP -> new long[capacity];
                case DOUBLE -> new double[capacity];
                case BOOLEAN -> new boolean[capacity];
                case DATE -> new int[capacity];
                case STRING, JSON -> new String[capacity];
                case DECIMAL -> new BigDecimal[capacity];
            };
        }
    }

    /**
     * An empty batch of {@code schema} with room for {@code capacity} rows.
     *
     * @param schema   the fields
     * @param capacity the most rows it holds, at least 1
     * @return the batch, of size 0
     */
    public static ColumnBatch allocate(Schema schema, int capacity) {
        Checks.notNull("schema", schema);
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        return new ColumnBatch(schema, capacity);
    }

    /**
     * A batch holding {@code rows} (of {@code schema}), numbered 1 to {@code rows.size()}: for tests, benchmarks and
     * code that has rows and wants to hand them on as columns.
     *
     * @throws IllegalArgumentException when a row is of another schema
     */
    public static ColumnBatch of(Schema schema, List<Row> rows) {
        ColumnBatch batch = allocate(schema, Math.max(1, rows.size()));
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            if (!row.schema().equals(schema)) {
                throw new IllegalArgumentException("row " + (r + 1) + " is of another schema");
            }
            for (int f = 0; f < schema.size(); f++) {
                batch.set(f, r, row.get(f));
            }
            batch.rowNumbers[r] = r + 1;
        }
        batch.setSize(rows.size());
        for (int f = 0; f < schema.size(); f++) {
            FieldType type = schema.field(f).type();
            if (type == FieldType.STRING || type == FieldType.JSON) {
                batch.encodeIfFew(f);
                batch.noBlanks[f] = batch.noneBlank(f);
                if (!batch.encoded(f)) {
                    batch.inlineStrings(f);
                }
            }
        }
        return batch;
    }

    /**
     * Holds a text field as codes into a dictionary of its distinct values when it has at most a quarter as many
     * as rows, as a columnar file or database would store it: rules then judge each distinct value once.
     */
    private void encodeIfFew(int field) {
        String[] v = (String[]) values[field];
        boolean[] empty = nulls[field];
        int limit = Math.max(1, size / 4);
        Map<String, Integer> index = new HashMap<>();
        int[] c = new int[capacity];
        for (int r = 0; r < size; r++) {
            if (empty[r]) {
                continue;
            }
            Integer code = index.get(v[r]);
            if (code == null) {
                if (index.size() == limit) {
                    return;
                }
                code = index.size();
                index.put(v[r], code);
            }
            c[r] = code;
        }
        String[] dictionary = new String[index.size()];
        index.forEach((text, code) -> dictionary[code] = text);
        codes[field] = c;
        dictionaries[field] = dictionary;
        dictionarySizes[field] = dictionary.length;
        decoded[field] = true;
    }

    /**
     * Holds a plain text field inline: its values' UTF-8 bytes back to back. The String array is dropped (the
     * values are decoded again when {@link #texts} is asked for), so the batch holds each value once.
     */
    private void inlineStrings(int field) {
        String[] v = (String[]) values[field];
        boolean[] empty = nulls[field];
        int[] offsets = new int[capacity + 1];
        byte[][] parts = new byte[size][];
        int total = 0;
        for (int r = 0; r < size; r++) {
            offsets[r] = total;
            if (!empty[r]) {
                parts[r] = v[r].getBytes(StandardCharsets.UTF_8);
                total += parts[r].length;
            }
        }
        offsets[size] = total;
        byte[] bytes = new byte[total];
        for (int r = 0; r < size; r++) {
            if (parts[r] != null) {
                System.arraycopy(parts[r], 0, bytes, offsets[r], parts[r].length);
            }
        }
        boolean vouched = noBlanks[field];
        holdUtf8(field, bytes, offsets);
        noBlanks[field] = vouched;
        Arrays.fill(v, 0, size, null);
    }

    /** The fields. */
    public Schema schema() {
        return schema;
    }

    /** How many rows the batch holds now. */
    public int size() {
        return size;
    }

    /** The most rows the batch can hold. */
    public int capacity() {
        return capacity;
    }

    /**
     * Sets how many rows the batch holds: for the reader that filled the arrays.
     *
     * @param size from 0 to {@link #capacity()}
     */
    public void setSize(int size) {
        if (size < 0 || size > capacity) {
            throw new IllegalArgumentException("size must be from 0 to " + capacity + ", not " + size);
        }
        // bytes held inline describe the rows held until now: their values move to the String arrays first (a
        // reader that holds bytes does so after this)
        for (int f = 0; f < utf8.length; f++) {
            plainBytes(f);
        }
        this.size = size;
        // the rows are new: what was vouched for the old ones no longer holds (a reader vouches after this)
        Arrays.fill(noBlanks, false);
    }

    /** The values of the {@code LONG} field at {@code field}. */
    public long[] longs(int field) {
        return (long[]) array(field, FieldType.LONG);
    }

    /** The values of the {@code TIMESTAMP} field at {@code field}, in microseconds since the epoch, UTC. */
    public long[] timestamps(int field) {
        return (long[]) array(field, FieldType.TIMESTAMP);
    }

    /** The values of the {@code DOUBLE} field at {@code field}. */
    public double[] doubles(int field) {
        return (double[]) array(field, FieldType.DOUBLE);
    }

    /** The values of the {@code BOOLEAN} field at {@code field}. */
    public boolean[] booleans(int field) {
        return (boolean[]) array(field, FieldType.BOOLEAN);
    }

    /** The values of the {@code DATE} field at {@code field}, in days since 1970-01-01. */
    public int[] dates(int field) {
        return (int[]) array(field, FieldType.DATE);
    }

    /**
     * The values of the {@code STRING} or {@code JSON} field at {@code field}; for a {@link #encoded dictionary-encoded}
     * field they are decoded into the array on the first call (code that can use the codes reads {@link #codes}); an
     * {@link #inline} field is decoded and held as Strings from then on (code that can read bytes reads
     * {@link #utf8}), since whoever has the array may be the reader writing new values into it.
     */
    public String[] texts(int field) {
        String[] v = textArray(field);
        plainBytes(field);
        if (codes[field] != null && !decoded[field]) {
            int[] c = codes[field];
            String[] dictionary = dictionaries[field];
            boolean[] empty = nulls[field];
            for (int r = 0; r < size; r++) {
                v[r] = empty[r] ? null : dictionary[c[r]];
            }
            decoded[field] = true;
        }
        return v;
    }

    /** Whether no present value of a text field is blank, looked at value by value. */
    private boolean noneBlank(int field) {
        String[] v = (String[]) values[field];
        boolean[] empty = nulls[field];
        for (int r = 0; r < size; r++) {
            if (!empty[r] && v[r].isBlank()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the producer of the batch vouched that no present value of the text field at {@code field} is blank
     * (empty or white space only), so a completeness check need look at {@link #nulls} only: {@link #of} looks at
     * each value, and a reader whose values cannot be blank (CSV cells are stripped, a blank one is empty) says so
     * with {@link #declareNoBlanks}. False when nobody vouched; {@link #set} of a blank value, {@link #encode} and
     * {@link #setSize} make it false again (a reader vouches after setting the size).
     *
     * @param field the field's position
     * @return true when no present value is blank
     */
    public boolean noBlanks(int field) {
        Objects.checkIndex(field, schema.size());
        return noBlanks[field];
    }

    /**
     * For a reader: vouches that no present value of the text field at {@code field} among the rows now held is
     * blank. Only a reader that knows it (by how it makes its values) may say so; rules trust it.
     *
     * @param field a {@code STRING} or {@code JSON} field
     */
    public void declareNoBlanks(int field) {
        textArray(field);
        noBlanks[field] = true;
    }

    /**
     * Whether the text field at {@code field} is held as {@link #codes codes} into a {@link #dictionary}: each row's
     * value (where not {@link #nulls empty}) is {@code dictionary(field)[codes(field)[row]]}. Code that judges text
     * can then judge each distinct value once.
     *
     * @param field the field's position
     * @return true when the field is dictionary-encoded
     */
    public boolean encoded(int field) {
        Objects.checkIndex(field, schema.size());
        return codes[field] != null;
    }

    /**
     * The codes of a {@link #encoded dictionary-encoded} text field: for each row below {@link #size()} that is not
     * empty, the position of its value in {@link #dictionary}.
     *
     * @throws IllegalStateException when the field is not dictionary-encoded
     */
    public int[] codes(int field) {
        if (!encoded(field)) {
            throw new IllegalStateException("field '" + schema.field(field).name() + "' is not dictionary-encoded");
        }
        return codes[field];
    }

    /**
     * The dictionary of a {@link #encoded dictionary-encoded} text field; its first {@link #dictionarySize} entries
     * are the values codes point to (each distinct, none null). It may be shared with other batches of one reader.
     *
     * @throws IllegalStateException when the field is not dictionary-encoded
     */
    public String[] dictionary(int field) {
        codes(field);
        return dictionaries[field];
    }

    /** How many entries of {@link #dictionary} are in use; 0 when the field is not dictionary-encoded. */
    public int dictionarySize(int field) {
        Objects.checkIndex(field, schema.size());
        return dictionarySizes[field];
    }

    /**
     * For a reader: holds the text field at {@code field} as codes into the first {@code size} entries of
     * {@code dictionary} (distinct, not null; not copied), which the reader then writes into {@link #codes} for each
     * row, marking empty rows in {@link #nulls}.
     *
     * @param field      a {@code STRING} or {@code JSON} field
     * @param dictionary the distinct values
     * @param size       how many entries are in use
     */
    public void encode(int field, String[] dictionary, int size) {
        textArray(field);
        Checks.notNull("dictionary", dictionary);
        if (size < 0 || size > dictionary.length) {
            throw new IllegalArgumentException("size must be from 0 to " + dictionary.length + ", not " + size);
        }
        utf8[field] = null; // the reader writes the field anew: the bytes of the rows before are not decoded
        utf8Offsets[field] = null;
        if (codes[field] == null) {
            codes[field] = new int[capacity];
        }
        dictionaries[field] = dictionary;
        dictionarySizes[field] = size;
        decoded[field] = false;
        noBlanks[field] = false;
    }

    /**
     * Whether the text field at {@code field} is held inline: the UTF-8 bytes of row {@code r}'s value are
     * {@code utf8(field)[utf8Offsets(field)[r] .. utf8Offsets(field)[r + 1])} (none for an {@link #nulls empty}
     * row). Code that reads every value can then walk one array.
     *
     * @param field the field's position
     * @return true when the field is held inline
     */
    public boolean inline(int field) {
        Objects.checkIndex(field, schema.size());
        return utf8[field] != null;
    }

    /**
     * The bytes of an {@link #inline} text field: each row's value in UTF-8, back to back in row order.
     *
     * @throws IllegalStateException when the field is not held inline
     */
    public byte[] utf8(int field) {
        if (!inline(field)) {
            throw new IllegalStateException("field '" + schema.field(field).name() + "' is not held inline");
        }
        return utf8[field];
    }

    /**
     * Where each row's bytes start in {@link #utf8} of an {@link #inline} text field, {@link #size()} + 1 entries:
     * row {@code r}'s bytes end where row {@code r + 1}'s start.
     *
     * @throws IllegalStateException when the field is not held inline
     */
    public int[] utf8Offsets(int field) {
        utf8(field);
        return utf8Offsets[field];
    }

    /**
     * For a reader, after {@link #setSize}: holds the text field at {@code field} inline, as the UTF-8 bytes of its
     * values back to back ({@code bytes}, not copied) with each row's start ({@code offsets}, {@link #size()} + 1
     * entries, not decreasing, the last within {@code bytes}); empty rows are marked in {@link #nulls} and have no
     * bytes. The bytes must be well-formed UTF-8 (as a decoder of the source's text makes them).
     *
     * @param field   a {@code STRING} or {@code JSON} field
     * @param bytes   the values' bytes
     * @param offsets where each row's bytes start
     */
    public void holdUtf8(int field, byte[] bytes, int[] offsets) {
        textArray(field);
        Checks.notNull("bytes", bytes);
        Checks.notNull("offsets", offsets);
        if (offsets.length < size + 1 || offsets[size] > bytes.length) {
            throw new IllegalArgumentException("offsets must have " + (size + 1) + " entries ending within the "
                    + bytes.length + " bytes");
        }
        for (int r = 0; r < size; r++) {
            if (offsets[r] < 0 || offsets[r] > offsets[r + 1] || nulls[field][r] && offsets[r] != offsets[r + 1]) {
                throw new IllegalArgumentException("offsets of row " + r + " are out of order or hold bytes for "
                        + "an empty row");
            }
        }
        plain(field);
        utf8[field] = bytes;
        utf8Offsets[field] = offsets;
        noBlanks[field] = false;
    }

    /**
     * Makes an encoded or inline text field plain again: its values decoded into its String array, its codes or
     * bytes dropped.
     */
    private void plain(int field) {
        plainBytes(field);
        if (codes[field] != null) {
            texts(field);
            codes[field] = null;
            dictionaries[field] = null;
            dictionarySizes[field] = 0;
            decoded[field] = false;
        }
    }

    /** The values of the {@code DECIMAL} field at {@code field}. */
    public BigDecimal[] decimals(int field) {
        return (BigDecimal[]) array(field, FieldType.DECIMAL);
    }

    /** Which values of the field at {@code field} are empty. */
    public boolean[] nulls(int field) {
        Objects.checkIndex(field, schema.size());
        return nulls[field];
    }

    /** The source row number of each row. */
    public long[] rowNumbers() {
        return rowNumbers;
    }

    /**
     * One value, as a {@link Row} holds it ({@code Long}, {@code Double}, {@code Boolean}, {@link LocalDate},
     * {@link Instant}, {@code String}, {@link BigDecimal}), or null when empty: for code that is not on a hot path.
     *
     * @param field the field's position
     * @param row   the row, below {@link #size()}
     * @return the value or null
     */
    public Object get(int field, int row) {
        Objects.checkIndex(row, size);
        if (nulls(field)[row]) {
            return null;
        }
        Object array = values[field];
        return switch (schema.field(field).type()) {
            case LONG -> ((long[]) array)[row];
            case TIMESTAMP -> instantOfMicros(((long[]) array)[row]);
            case DOUBLE -> ((double[]) array)[row];
            case BOOLEAN -> ((boolean[]) array)[row];
            case DATE -> LocalDate.ofEpochDay(((int[]) array)[row]);
            case STRING, JSON -> textAt(field, row);
            case DECIMAL -> ((Object[]) array)[row];
        };
    }

    /**
     * Sets one value from its boxed form (as {@link #get} gives it; null for empty): for a reader's slow path.
     *
     * @param field the field's position
     * @param row   the row, below {@link #capacity()}
     * @param value the value or null
     * @throws ClassCastException  when the value is not of the field's type
     * @throws ArithmeticException when a date or time is beyond what the batch holds
     */
    public void set(int field, int row, Object value) {
        Objects.checkIndex(row, capacity);
        plain(field);
        boolean[] empty = nulls(field);
        Object array = values[field];
        FieldType type = schema.field(field).type();
        if (value == null) {
            empty[row] = true;
            switch (type) {
                case LONG, TIMESTAMP -> ((long[]) array)[row] = 0L;
                case DOUBLE -> ((double[]) array)[row] = 0d;
                case BOOLEAN -> ((boolean[]) array)[row] = false;
                case DATE -> ((int[]) array)[row] = 0;
                case STRING, JSON, DECIMAL -> ((Object[]) array)[row] = null;
            }
            return;
        }
        switch (type) {
            case LONG -> ((long[]) array)[row] = (Long) value;
            case TIMESTAMP -> ((long[]) array)[row] = microsOf((Instant) value);
            case DOUBLE -> ((double[]) array)[row] = (Double) value;
            case BOOLEAN -> ((boolean[]) array)[row] = (Boolean) value;
            case DATE -> ((int[]) array)[row] = Math.toIntExact(((LocalDate) value).toEpochDay());
            case STRING, JSON -> {
                String text = (String) value;
                ((String[]) array)[row] = text;
                if (noBlanks[field] && text.isBlank()) {
                    noBlanks[field] = false;
                }
            }
            case DECIMAL -> ((BigDecimal[]) array)[row] = (BigDecimal) value;
        }
        empty[row] = false;
    }

    /**
     * The row at {@code row} as a {@link Row} (checked as {@link Row#of} checks it).
     *
     * @param row below {@link #size()}
     * @return a new row
     * @throws IllegalArgumentException when a required field is empty
     */
    public Row row(int row) {
        return view(row).toRow();
    }

    /**
     * The row at {@code row} read in place: each value is read from its column only when asked for. The view shows
     * what the batch holds at that moment, so it is for the call it is handed to, not for keeping (keep
     * {@link RowView#toRow()}). Unlike {@link #row}, it does not check required fields up front.
     *
     * @param row below {@link #size()}
     * @return a view of that row
     */
    public RowView view(int row) {
        Objects.checkIndex(row, size);
        return new BatchRow(row);
    }

    /** One row of this batch, read in place. */
    private final class BatchRow implements RowView {
        private final int row;

        BatchRow(int row) {
            this.row = row;
        }

        @Override
        public Schema schema() {
            return schema;
        }

        @Override
        public Object get(int i) {
            return ColumnBatch.this.get(i, row);
        }

        @Override
        public String toString() {
            return RowView.describe(this);
        }
    }

    /**
     * Drops the rows marked in {@code drop} (below {@link #size()}), keeping the others in order with their row
     * numbers: for a reader that quarantined some rows of the batch.
     *
     * @param drop which rows to drop
     */
    public void removeRows(boolean[] drop) {
        for (int f = 0; f < values.length; f++) {
            plain(f);
        }
        int kept = 0;
        for (int r = 0; r < size; r++) {
            if (drop[r]) {
                continue;
            }
            if (kept != r) {
                rowNumbers[kept] = rowNumbers[r];
                for (int f = 0; f < values.length; f++) {
                    System.arraycopy(values[f], r, values[f], kept, 1);
                    nulls[f][kept] = nulls[f][r];
                }
            }
            kept++;
        }
        for (Object array : values) {
            if (array instanceof Object[] objects) {
                Arrays.fill(objects, kept, size, null);
            }
        }
        size = kept;
    }

    /** The microseconds since the epoch of {@code t}, its finer digits dropped (toward the past). */
    public static long microsOf(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    /** The instant {@code micros} microseconds after the epoch. */
    public static Instant instantOfMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private String textAt(int field, int row) {
        if (utf8[field] != null) {
            int[] offsets = utf8Offsets[field];
            return new String(utf8[field], offsets[row], offsets[row + 1] - offsets[row], StandardCharsets.UTF_8);
        }
        if (codes[field] != null && !decoded[field]) {
            return dictionaries[field][codes[field][row]];
        }
        return ((String[]) values[field])[row];
    }

    /** Makes an inline text field plain: its values decoded into its String array, its bytes dropped. */
    private void plainBytes(int field) {
        byte[] bytes = utf8[field];
        if (bytes == null) {
            return;
        }
        String[] v = (String[]) values[field];
        int[] offsets = utf8Offsets[field];
        boolean[] empty = nulls[field];
        for (int r = 0; r < size; r++) {
            v[r] = empty[r] ? null : new String(bytes, offsets[r], offsets[r + 1] - offsets[r], StandardCharsets.UTF_8);
        }
        utf8[field] = null;
        utf8Offsets[field] = null;
    }

    /** The String array of a {@code STRING} or {@code JSON} field; refused, naming the field, for other types. */
    private String[] textArray(int field) {
        Objects.checkIndex(field, schema.size());
        FieldType type = schema.field(field).type();
        return (String[]) array(field, type == FieldType.JSON ? FieldType.JSON : FieldType.STRING);
    }

    private Object array(int field, FieldType expected) {
        Objects.checkIndex(field, schema.size());
        Field f = schema.field(field);
        if (f.type() != expected) {
            throw new IllegalArgumentException("field '" + f.name() + "' holds " + f.type() + ", not " + expected);
        }
        return values[field];
    }
}

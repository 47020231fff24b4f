package org.marketlink.core.pipeline;

import org.marketlink.core.data.Json;
import org.marketlink.core.data.Row;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An order-independent fingerprint of a multiset of rows: the count and the sum (mod 2^64) of a 64-bit hash of
 * each row (for a {@link Row}, of its values; otherwise of its canonical text). Two runs that wrote the same rows in
 * any order, chunking or parallelism have the same checksum; checksums of parts {@link #merge} into the checksum of
 * the whole. Not thread-safe; merge per-thread instances.
 */
public final class Checksum {
    private long count;
    private long sum;

    /** Adds one row. */
    public void add(Object row) {
        sum += row instanceof Row r ? hashRow(r) : hash(canonical(row));
        count++;
    }

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    /** Odd 64-bit multipliers (from xxHash64): a value's hash is folded into its row's with them. */
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    /** What a null contributes: a constant no small value's hash is likely to equal. */
    private static final long NULL_HASH = 0x27D4EB2F165667C5L;

    /**
     * A row's hash, from its values as they are held: a whole number, a double or a date is mixed from its bits, a
     * string from its characters four at a time, a decimal (stripped, as in {@link #canonical}) and anything else
     * from its text. Rows whose {@link #canonical} texts are equal hash equal; different ones differ but for the
     * odds of a 64-bit collision. No text is made for the common types: the hash of each value's UTF-8 text,
     * byte by byte, had been a quarter of the pipeline threads' time in a profile of a stream.
     */
    static long hashRow(Row r) {
        int width = r.schema().size();
        long h = P3 + width;
        for (int i = 0; i < width; i++) {
            h = Long.rotateLeft(h ^ valueHash(r.get(i)) * P1, 31) * P2;
        }
        return finish(h);
    }

    private static long valueHash(Object v) {
        if (v == null) {
            return NULL_HASH;
        }
        if (v instanceof Long l) {
            return finish(l);
        }
        if (v instanceof String text) {
            return textHash(text);
        }
        if (v instanceof Double d) {
            return finish(Double.doubleToLongBits(d) ^ P1); // every NaN alike, -0.0 apart from 0.0: as their text
        }
        if (v instanceof Instant t) {
            return finish(t.getEpochSecond() * P2 + t.getNano());
        }
        if (v instanceof LocalDate day) {
            return finish(day.toEpochDay() ^ P3);
        }
        if (v instanceof Boolean b) {
            return b ? P1 : P2;
        }
        return textHash(v instanceof BigDecimal d ? canonical(d) : String.valueOf(v));
    }

    /** A 64-bit hash of a string's UTF-16 characters, four to a multiplication, with its length. */
    private static long textHash(String text) {
        int n = text.length();
        long h = P1 * (n + 1);
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            long w = text.charAt(i) | (long) text.charAt(i + 1) << 16 | (long) text.charAt(i + 2) << 32
                    | (long) text.charAt(i + 3) << 48;
            h = Long.rotateLeft(h ^ w * P2, 27) * P1;
        }
        long tail = 0;
        for (; i < n; i++) {
            tail = tail << 16 | text.charAt(i);
        }
        return finish(Long.rotateLeft(h ^ tail * P3, 27) * P1);
    }

    /** Adds the rows {@code other} has summed (the accounting of a run merges each chunk's sum into its own). */
    void addAll(Checksum other) {
        count += other.count;
        sum += other.sum;
    }

    /** The checksum of both sets of rows (order-independent). */
    public Checksum merge(Checksum other) {
        Checksum c = new Checksum();
        c.count = count + other.count;
        c.sum = sum + other.sum;
        return c;
    }

    /**
     * The checksum a {@link #value()} stands for, so that checksums reported as text (by another machine, from a
     * stored report) merge.
     *
     * @throws IllegalArgumentException when {@code value} is not of the form {@code <16 hex digits>:<count>}
     */
    public static Checksum parse(String value) {
        int colon = value == null ? -1 : value.indexOf(':');
        if (colon != 16) {
            throw new IllegalArgumentException("not a checksum: '" + value + "'");
        }
        try {
            Checksum c = new Checksum();
            c.sum = Long.parseUnsignedLong(value.substring(0, colon), 16);
            c.count = Long.parseLong(value.substring(colon + 1));
            return c;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a checksum: '" + value + "'", e);
        }
    }

    /** The number of rows summed. */
    public long count() {
        return count;
    }

    /** The checksum as 16 hex digits of the sum followed by the count, e.g. {@code 1f2e...:1200}. */
    public String value() {
        return String.format("%016x:%d", sum, count);
    }

    /**
     * The text that says when two rows are the same for a checksum: a {@link Row}'s values in order (separated by
     * the unit separator; the row is hashed from its values, equal whenever this text is), a record's MarketLink
     * JSON, or {@code toString()} for anything else (both hashed from this text).
     */
    public static String canonical(Object row) {
        if (row instanceof Row r) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.schema().size(); i++) {
                if (i > 0) {
                    b.append('\u001f');
                }
                Object v = r.get(i);
                b.append(v instanceof BigDecimal d ? canonical(d) : String.valueOf(v));
            }
            return b.toString();
        }
        if (row instanceof Record) {
            return Json.write(row);
        }
        return String.valueOf(row);
    }

    /**
     * A decimal as unscaled digits and scale after stripping trailing zeros: {@code 1.50} and {@code 1.5} agree,
     * and a decimal with a huge exponent costs its digits, not a plain string of a billion zeros.
     */
    private static String canonical(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros(); // zero of any scale strips to 0 (scale 0)
        return s.unscaledValue() + "e" + (-s.scale());
    }

    /**
     * 64-bit FNV-1a over UTF-8 bytes, finished with a murmur-style mix so that sums spread well: the hash of a row
     * that is not a {@link Row}, over its canonical text (a record's MarketLink JSON).
     */
    static long hash(String text) {
        long h = FNV_OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return finish(h);
    }

    private static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}

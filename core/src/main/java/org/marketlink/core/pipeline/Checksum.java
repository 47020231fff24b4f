package org.marketlink.core.pipeline;

import org.marketlink.core.data.Json;
import org.marketlink.core.data.Row;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * An order-independent fingerprint of a multiset of rows: the count and the sum (mod 2^64) of a 64-bit hash of
 * each row's canonical text. Two runs that wrote the same rows in any order, chunking or parallelism have the
 * same checksum; checksums of parts {@link #merge} into the checksum of the whole. Not thread-safe; merge
 * per-thread instances.
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

    /**
     * {@code hash(canonical(row))} for a {@link Row}, computed over the values' text as it goes: no canonical string
     * and no byte array per row (they were a sixth of the committing thread's time in a profile of a stream).
     */
    static long hashRow(Row r) {
        long h = FNV_OFFSET;
        for (int i = 0; i < r.schema().size(); i++) {
            if (i > 0) {
                h = (h ^ 0x1f) * FNV_PRIME;
            }
            Object v = r.get(i);
            if (v instanceof Long l) {
                h = fnvDecimal(h, l);
            } else {
                h = fnv(h, v instanceof String text ? text : v instanceof BigDecimal d ? canonical(d)
                        : String.valueOf(v));
            }
        }
        return finish(h);
    }

    /**
     * {@code fnv(h, Long.toString(v))} without the string: the digits are made backwards into a small buffer and
     * hashed forwards (ids and epoch times are most of a stream's values).
     */
    static long fnvDecimal(long h, long v) {
        if (v == Long.MIN_VALUE) {
            return fnv(h, Long.toString(v)); // its magnitude does not fit a long
        }
        if (v < 0) {
            h = (h ^ '-') * FNV_PRIME;
            v = -v;
        }
        byte[] digits = new byte[19];
        int at = digits.length;
        do {
            long q = v / 10;
            digits[--at] = (byte) ('0' + (v - q * 10));
            v = q;
        } while (v != 0);
        for (; at < digits.length; at++) {
            h = (h ^ digits[at]) * FNV_PRIME;
        }
        return h;
    }

    /** FNV-1a over the UTF-8 bytes of {@code text}, encoded as it goes (an unpaired surrogate as '?', as getBytes does). */
    private static long fnv(long h, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                h = (h ^ c) * FNV_PRIME;
            } else if (c < 0x800) {
                h = (h ^ (0xc0 | (c >> 6))) * FNV_PRIME;
                h = (h ^ (0x80 | (c & 0x3f))) * FNV_PRIME;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                h = (h ^ (0xf0 | (cp >> 18))) * FNV_PRIME;
                h = (h ^ (0x80 | ((cp >> 12) & 0x3f))) * FNV_PRIME;
                h = (h ^ (0x80 | ((cp >> 6) & 0x3f))) * FNV_PRIME;
                h = (h ^ (0x80 | (cp & 0x3f))) * FNV_PRIME;
            } else if (Character.isSurrogate(c)) {
                h = (h ^ '?') * FNV_PRIME;
            } else {
                h = (h ^ (0xe0 | (c >> 12))) * FNV_PRIME;
                h = (h ^ (0x80 | ((c >> 6) & 0x3f))) * FNV_PRIME;
                h = (h ^ (0x80 | (c & 0x3f))) * FNV_PRIME;
            }
        }
        return h;
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
     * The text a row is fingerprinted by: a {@link Row}'s values in order (separated by the unit separator), a
     * record's MarketLink JSON, or {@code toString()} for anything else.
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

    /** 64-bit FNV-1a over UTF-8 bytes, finished with a murmur-style mix so that sums spread well. */
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

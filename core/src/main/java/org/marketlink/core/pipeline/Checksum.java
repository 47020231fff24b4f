package org.marketlink.core.pipeline;

import org.marketlink.core.data.Json;
import org.marketlink.core.data.RecordRows;
import org.marketlink.core.data.Row;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * An order-independent fingerprint of a multiset of rows: the count and the sum (mod 2^64) of a 64-bit hash of
 * each row (for a {@link Row}, of its values; for a record, of its components; otherwise of its canonical text). Two runs that wrote the same rows in
 * any order, chunking or parallelism have the same checksum; checksums of parts {@link #merge} into the checksum of
 * the whole. Not thread-safe; merge per-thread instances.
 */
public final class Checksum {
    private long count;
    private long sum;

    /** Adds one row. */
    public void add(Object row) {
        sum += row instanceof Row r ? hashRow(r) : row instanceof Record rec ? hashRecord(rec) : hash(canonical(row));
        count++;
    }

    /**
     * Per record class, its components' readers ({@link RecordRows#componentReaders}: plain calls for a public
     * record, opened accessors for a host's private one), or null to hash its JSON where they cannot be had (a
     * module that does not open the class).
     */
    private static final ClassValue<Function<Object, Object>[]> COMPONENTS = new ClassValue<>() {
        @Override
        @SuppressWarnings("unchecked")
        protected Function<Object, Object>[] computeValue(Class<?> type) {
            try {
                return RecordRows.componentReaders(type.asSubclass(Record.class)).toArray(new Function[0]);
            } catch (RuntimeException closed) {
                return null;
            }
        }
    };

    /**
     * A record's hash, from its components as they are held, as {@link #hashRow} hashes a row's values: the common
     * types without making text, a UUID from its bits, an enum from its name, an {@code Optional} as its content or
     * empty, a nested record from its components, a list in order, a map or a set in any order (equal maps hash
     * equal however they iterate, which their JSON text did not promise), and anything else from its MarketLink
     * JSON. Records with equal
     * components hash equal; a decimal counts stripped of trailing zeros, as in a row. Making every record's JSON
     * text had cost more than validating it in a profile of a record pipeline.
     */
    static long hashRecord(Record rec) {
        Function<Object, Object>[] readers = COMPONENTS.get(rec.getClass());
        if (readers == null) {
            return hash(canonical(rec));
        }
        long h = P3 + readers.length + P2;
        for (Function<Object, Object> reader : readers) {
            Object v;
            try {
                v = reader.apply(rec);
            } catch (RuntimeException e) {
                return hash(canonical(rec)); // an accessor that throws: the record's JSON says what it holds
            }
            h = Long.rotateLeft(h ^ componentHash(v) * P1, 31) * P2;
        }
        return finish(h);
    }

    private static long componentHash(Object v) {
        if (v instanceof Optional<?> o) {
            v = o.orElse(null);
        }
        if (v == null || v instanceof Long || v instanceof String || v instanceof Double || v instanceof Instant
                || v instanceof LocalDate || v instanceof Boolean || v instanceof BigDecimal) {
            return valueHash(v);
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return valueHash(((Number) v).longValue());
        }
        if (v instanceof Float f) {
            return valueHash(f.doubleValue());
        }
        if (v instanceof UUID u) {
            return finish(u.getMostSignificantBits() * P1 ^ u.getLeastSignificantBits());
        }
        if (v instanceof Enum<?> e) {
            return textHash(e.name());
        }
        if (v instanceof Record nested) {
            return hashRecord(nested);
        }
        if (v instanceof List<?> list) {
            long h = P1 + list.size();
            for (Object element : list) {
                h = Long.rotateLeft(h ^ componentHash(element) * P2, 29) * P1;
            }
            return finish(h);
        }
        if (v instanceof Map<?, ?> map) {
            // a sum over the entries: equal maps hash equal in whatever order they iterate
            long sum = P2 + map.size();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                sum += finish(componentHash(entry.getKey()) * P1 ^ Long.rotateLeft(componentHash(entry.getValue()), 17));
            }
            return finish(sum);
        }
        if (v instanceof Set<?> set) {
            long sum = P3 + set.size();
            for (Object element : set) {
                sum += finish(componentHash(element) ^ P1);
            }
            return finish(sum);
        }
        return textHash(Json.write(v));
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
        return v instanceof BigDecimal d ? decimalHash(d) : textHash(String.valueOf(v));
    }

    /**
     * A decimal's hash from its value stripped of trailing zeros, as {@link #canonical(BigDecimal)} shows it: from the
     * unscaled digits as a long when they fit in 18 digits (no text: printing every price had been a tenth of a
     * record pipeline's time), else from that text. Equal values take the same route, so they hash equal.
     */
    private static long decimalHash(BigDecimal d) {
        BigDecimal v = d.precision() > 18 ? d.stripTrailingZeros() : d;
        if (v.precision() > 18) {
            return textHash(canonical(v));
        }
        long unscaled = v.unscaledValue().longValue();
        long scale = v.scale();
        if (unscaled == 0) {
            scale = 0; // zero of any scale is one value
        }
        while (unscaled != 0 && unscaled % 10 == 0) {
            unscaled /= 10;
            scale--;
        }
        return finish(unscaled * P1 ^ Long.rotateLeft(scale * P2, 23) ^ P3);
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
     * JSON (a record is hashed from its components where they can be read, else from this text), or
     * {@code toString()} for anything else (hashed from this text).
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

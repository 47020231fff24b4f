package org.marketlink.quality.metrics;

import org.marketlink.quality.RuleOutcome;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts offending values, keeping at most {@code capacity} distinct values (later new values are counted in
 * {@link #overflow()} only), so memory stays bounded on very dirty data. Values are counted as the objects a row
 * already holds and rendered as text only in {@link #top(int)}, so counting allocates nothing for a value seen
 * before (rendering each failing value on the hot path cost more than the rules themselves). {@code null} is a
 * value like any other and renders as {@code "null"}; decimals render without exponent. Mergeable. Not thread-safe.
 *
 * <p>Values are kept in the order they were first seen, and a merge adds the other counter's values in that order, so
 * counters of consecutive chunks merged in chunk order keep the same values with the same counts as one counter over
 * all rows, as long as no single chunk saw more than {@code capacity} distinct values (a chunk that did has counted
 * its later new values as overflow, which the merge cannot take back).
 */
public final class ValueCounter implements Serializable {
    private static final long serialVersionUID = 3L;
    private final int capacity;
    private final Map<Object, long[]> counts = new LinkedHashMap<>();
    /** Whole numbers and doubles (by their bits, as {@link Double#equals} compares), counted without boxing. */
    private final PrimitiveCounts longs = new PrimitiveCounts();
    private final PrimitiveCounts doubles = new PrimitiveCounts();
    /**
     * The count of {@code null} (an empty cell, the usual value a completeness rule fails on), kept out of the map:
     * a hash look-up per failing row cost more than the completeness check itself.
     */
    private long nulls;
    private boolean hasNull;
    private long overflow;

    /** A counter that keeps at most {@code capacity} distinct values and counts the rest as overflow. */
    public ValueCounter(int capacity) {
        this.capacity = capacity;
    }

    /** Counts {@code value} {@code n} more times. */
    public void add(Object value, long n) {
        if (value == null) {
            addNull(n);
            return;
        }
        if (value instanceof Long l) {
            addLong(l, n);
            return;
        }
        if (value instanceof Double d) {
            addDouble(d, n);
            return;
        }
        long[] c = counts.get(value);
        if (c != null) {
            c[0] += n;
        } else if (distinct() < capacity) {
            counts.put(value, new long[] {n});
        } else {
            overflow += n;
        }
    }

    /** Counts the whole number {@code value} {@code n} more times, as {@code add(Long.valueOf(value), n)} would. */
    public void addLong(long value, long n) {
        if (!longs.add(value, n, distinct() < capacity)) {
            overflow += n;
        }
    }

    /** Counts the double {@code value} {@code n} more times, as {@code add(Double.valueOf(value), n)} would. */
    public void addDouble(double value, long n) {
        if (!doubles.add(Double.doubleToLongBits(value), n, distinct() < capacity)) {
            overflow += n;
        }
    }

    /** Counts {@code null} {@code n} more times. */
    public void addNull(long n) {
        if (hasNull) {
            nulls += n;
        } else if (distinct() < capacity) {
            hasNull = true;
            nulls = n;
        } else {
            overflow += n;
        }
    }

    private int distinct() {
        return counts.size() + longs.size + doubles.size + (hasNull ? 1 : 0);
    }

    /** Adds every count of {@code other}. */
    public void merge(ValueCounter other) {
        other.counts.forEach((k, v) -> add(k, v[0]));
        if (other.hasNull) {
            addNull(other.nulls);
        }
        for (int i = 0; i < other.longs.size; i++) {
            addLong(other.longs.keys[i], other.longs.counts[i]);
        }
        for (int i = 0; i < other.doubles.size; i++) {
            addDouble(Double.longBitsToDouble(other.doubles.keys[i]), other.doubles.counts[i]);
        }
        overflow += other.overflow;
    }

    /** Occurrences of values that did not fit. */
    public long overflow() {
        return overflow;
    }

    /** How many distinct values are kept (not counting overflow). */
    public int distinctKept() {
        return distinct();
    }

    /**
     * The {@code n} most frequent values, ties broken by value so the order is stable: numbers by their numeric
     * order, other values by their text ({@code null} as {@code "null"}). Only the values returned are rendered as
     * text, and the {@code n} are picked without sorting them all: a rule that saw a thousand distinct failing
     * decimals renders five of them, not a thousand ({@link Double#toString} costs more than counting them did).
     */
    public List<RuleOutcome.ValueCount> top(int n) {
        int total = distinct();
        Entry[] all = new Entry[total];
        int k = 0;
        for (Map.Entry<Object, long[]> e : counts.entrySet()) {
            all[k++] = new Entry(e.getValue()[0], Entry.OBJECT, e.getKey(), 0);
        }
        if (hasNull) {
            all[k++] = new Entry(nulls, Entry.OBJECT, null, 0);
        }
        for (int i = 0; i < longs.size; i++) {
            all[k++] = new Entry(longs.counts[i], Entry.WHOLE, null, longs.keys[i]);
        }
        for (int i = 0; i < doubles.size; i++) {
            all[k++] = new Entry(doubles.counts[i], Entry.DECIMAL, null, doubles.keys[i]);
        }
        Entry[] chosen = best(all, Math.max(0, Math.min(n, total)));
        List<RuleOutcome.ValueCount> out = new ArrayList<>(chosen.length);
        for (Entry e : chosen) {
            out.add(new RuleOutcome.ValueCount(e.text(), e.count));
        }
        return List.copyOf(out);
    }

    /** The first {@code n} of {@code all} in {@link Entry#ORDER}, themselves in that order. */
    private static Entry[] best(Entry[] all, int n) {
        if (n == 0) {
            return new Entry[0];
        }
        if (n >= all.length / 4) {
            Entry[] sorted = all.clone();
            Arrays.sort(sorted, Entry.ORDER);
            return Arrays.copyOf(sorted, n);
        }
        // few of many: keep the best n seen so far, sorted; most entries lose to the last one on the count alone
        Entry[] kept = new Entry[n];
        int size = 0;
        for (Entry e : all) {
            if (size == n && Entry.ORDER.compare(e, kept[n - 1]) >= 0) {
                continue;
            }
            int at = size == n ? n - 1 : size++;
            while (at > 0 && Entry.ORDER.compare(e, kept[at - 1]) < 0) {
                kept[at] = kept[at - 1];
                at--;
            }
            kept[at] = e;
        }
        return kept;
    }

    /** One kept value and its count, for picking the most frequent; rendered as text only when needed. */
    private static final class Entry {
        static final int OBJECT = 0;
        static final int WHOLE = 1;
        static final int DECIMAL = 2;
        /** Most frequent first; then numbers before other values, in numeric order; then by text. */
        static final Comparator<Entry> ORDER = (a, b) -> {
            if (a.count != b.count) {
                return Long.compare(b.count, a.count);
            }
            if ((a.kind == OBJECT) != (b.kind == OBJECT)) {
                return a.kind == OBJECT ? 1 : -1;
            }
            if (a.kind == OBJECT) {
                return a.text().compareTo(b.text());
            }
            if (a.kind == WHOLE && b.kind == WHOLE) {
                return Long.compare(a.bits, b.bits);
            }
            int c = Double.compare(a.number(), b.number());
            return c != 0 ? c : Integer.compare(a.kind, b.kind);
        };
        final long count;
        final int kind;
        /** The value, for {@link #OBJECT}. */
        final Object value;
        /** The whole number, or the double's bits. */
        final long bits;
        private String text;

        Entry(long count, int kind, Object value, long bits) {
            this.count = count;
            this.kind = kind;
            this.value = value;
            this.bits = bits;
        }

        double number() {
            return kind == WHOLE ? bits : Double.longBitsToDouble(bits);
        }

        String text() {
            if (text == null) {
                text = switch (kind) {
                    case WHOLE -> Long.toString(bits);
                    case DECIMAL -> Double.toString(Double.longBitsToDouble(bits));
                    default -> ValueCounter.text(value);
                };
            }
            return text;
        }
    }

    /** How an offending value is shown: decimals without exponent, {@code null} as {@code "null"}. */
    public static String text(Object value) {
        return value instanceof BigDecimal b ? b.toPlainString() : String.valueOf(value);
    }

    /** Counts of 64-bit keys in the order first seen, found through an open-addressing table of positions. */
    private static final class PrimitiveCounts implements Serializable {
        private static final long serialVersionUID = 1L;
        private long[] keys = new long[8];
        private long[] counts = new long[8];
        private int size;
        /** Position + 1 of each key, 0 for a free slot. */
        private int[] slots = new int[16];

        /** Counts {@code key}; a new key only when {@code room}. Returns whether it was counted. */
        boolean add(long key, long n, boolean room) {
            int mask = slots.length - 1;
            int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
            int at;
            while ((at = slots[slot]) != 0) {
                if (keys[at - 1] == key) {
                    counts[at - 1] += n;
                    return true;
                }
                slot = (slot + 1) & mask;
            }
            if (!room) {
                return false;
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            keys[size] = key;
            counts[size] = n;
            slots[slot] = ++size;
            if (size > slots.length >> 1) {
                int[] grown = new int[slots.length * 2];
                int m = grown.length - 1;
                for (int i = 0; i < size; i++) {
                    int s = (int) ((keys[i] * 0x9E3779B97F4A7C15L) >>> 40) & m;
                    while (grown[s] != 0) {
                        s = (s + 1) & m;
                    }
                    grown[s] = i + 1;
                }
                slots = grown;
            }
            return true;
        }
    }
}

package org.marketlink.quality.metrics;

import org.marketlink.quality.RuleOutcome;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** The {@code n} most frequent values, ties broken by value so the order is stable. */
    public List<RuleOutcome.ValueCount> top(int n) {
        List<RuleOutcome.ValueCount> all = new ArrayList<>(counts.size());
        counts.forEach((k, v) -> all.add(new RuleOutcome.ValueCount(text(k), v[0])));
        if (hasNull) {
            all.add(new RuleOutcome.ValueCount(text(null), nulls));
        }
        for (int i = 0; i < longs.size; i++) {
            all.add(new RuleOutcome.ValueCount(Long.toString(longs.keys[i]), longs.counts[i]));
        }
        for (int i = 0; i < doubles.size; i++) {
            all.add(new RuleOutcome.ValueCount(Double.toString(Double.longBitsToDouble(doubles.keys[i])),
                    doubles.counts[i]));
        }
        all.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count()) : a.value().compareTo(b.value()));
        return all.size() > n ? List.copyOf(all.subList(0, n)) : List.copyOf(all);
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

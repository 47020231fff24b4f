package org.marketlink.quality.metrics;

import org.marketlink.quality.RuleOutcome;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
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
    private final int capacity;
    private final Map<Object, long[]> counts = new LinkedHashMap<>();
    private long overflow;

    /** A counter that keeps at most {@code capacity} distinct values and counts the rest as overflow. */
    public ValueCounter(int capacity) {
        this.capacity = capacity;
    }

    /** Counts {@code value} {@code n} more times. */
    public void add(Object value, long n) {
        long[] c = counts.get(value);
        if (c != null) {
            c[0] += n;
        } else if (counts.size() < capacity) {
            counts.put(value, new long[] {n});
        } else {
            overflow += n;
        }
    }

    /** Adds every count of {@code other}. */
    public void merge(ValueCounter other) {
        other.counts.forEach((k, v) -> add(k, v[0]));
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
        all.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count()) : a.value().compareTo(b.value()));
        return all.size() > n ? List.copyOf(all.subList(0, n)) : List.copyOf(all);
    }

    /** How an offending value is shown: decimals without exponent, {@code null} as {@code "null"}. */
    public static String text(Object value) {
        return value instanceof BigDecimal b ? b.toPlainString() : String.valueOf(value);
    }
}

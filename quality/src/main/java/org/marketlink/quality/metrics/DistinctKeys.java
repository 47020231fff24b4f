package org.marketlink.quality.metrics;

import org.marketlink.core.data.RowView;
import org.marketlink.core.privacy.Masking;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Severity;
import org.marketlink.quality.rules.RuleState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How often each key (the values of some columns) occurs: the exact state of uniqueness. Keys are the value itself
 * for one column (no allocation per row), a list of values otherwise; memory grows with the distinct keys. Repeated
 * keys of a personal-data column are counted but shown masked. Not thread-safe.
 */
public final class DistinctKeys implements KeyFrequencies {
    private static final long serialVersionUID = 1L;
    private final int[] idx;
    /** Keys are the value itself for one column (no allocation per row), a list of values otherwise. */
    private final Map<Object, long[]> counts = new HashMap<>();
    private final String name;
    private final boolean pii;
    private long rows;

    /**
     * No key seen yet.
     *
     * @param name the rule's name
     * @param idx  the positions of the key columns
     * @param pii  whether a key column holds personal data (repeated keys are then shown as a mask)
     */
    public DistinctKeys(String name, int[] idx, boolean pii) {
        this.name = name;
        this.idx = idx;
        this.pii = pii;
    }

    @Override
    public void accept(RowView row) {
        rows++;
        Object key;
        if (idx.length == 1) {
            key = SqlEquality.key(row.get(idx[0]));
            if (key == null) {
                key = NULL_KEY;
            }
        } else {
            List<Object> values = new ArrayList<>(idx.length);
            for (int i : idx) {
                values.add(SqlEquality.key(row.get(i)));
            }
            key = values;
        }
        long[] c = counts.get(key);
        if (c == null) {
            counts.put(key, new long[] {1});
        } else {
            c[0]++;
        }
    }

    @Override
    public long keysSeenOnce() {
        long once = 0;
        for (Map.Entry<Object, long[]> e : counts.entrySet()) {
            Object key = e.getKey();
            boolean empty = key == NULL_KEY || key instanceof List<?> values && values.contains(null);
            if (e.getValue()[0] == 1 && !empty) {
                once++;
            }
        }
        return once;
    }

    @Override
    public void merge(RuleState other) {
        DistinctKeys o = (DistinctKeys) other;
        rows += o.rows;
        o.counts.forEach((k, v) -> counts.computeIfAbsent(k, x -> new long[1])[0] += v[0]);
    }

    @Override
    public RuleOutcome outcome() {
        List<RuleOutcome.ValueCount> repeated = new ArrayList<>();
        for (Map.Entry<Object, long[]> e : counts.entrySet()) {
            if (e.getValue()[0] > 1) {
                repeated.add(new RuleOutcome.ValueCount(pii ? Masking.MASK : e.getKey().toString(),
                        e.getValue()[0]));
            }
        }
        return outcome(name, rows, counts.size(), repeated);
    }

    /**
     * Stands for an empty value in uniqueness keys (HashMap keys may not be told apart from absence by null). An
     * enum constant, so that a state holding it can be shipped (to Spark executors and back) and stays one instance.
     */
    enum NullKey {
        INSTANCE;

        @Override
        public String toString() {
            return "null";
        }
    }

    static final Object NULL_KEY = NullKey.INSTANCE;

    /** The outcome of a uniqueness rule from its distinct-key count and the keys seen more than once. */
    static RuleOutcome outcome(String name, long rows, long distinct,
                                                 List<RuleOutcome.ValueCount> repeated) {
        long duplicates = 0;
        for (RuleOutcome.ValueCount v : repeated) {
            duplicates += v.count() - 1;
        }
        double metric = rows == 0 ? 1 : (double) distinct / rows;
        if (duplicates == 0) {
            return new RuleOutcome.Passed(name, metric, distinct + " distinct of " + rows + " rows");
        }
        repeated.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count())
                : a.value().compareTo(b.value()));
        List<RuleOutcome.ValueCount> shown = repeated.size() > 5 ? repeated.subList(0, 5) : repeated;
        return new RuleOutcome.Failed(name, metric, duplicates + " duplicate row" + (duplicates == 1 ? "" : "s")
                + " (" + repeated.size() + " keys repeated), e.g. " + shown.stream().map(v -> "'" + v.value() + "' ×"
                + v.count()).collect(Collectors.joining(", ")), Severity.ERROR, duplicates, shown,
                List.of());
    }
}

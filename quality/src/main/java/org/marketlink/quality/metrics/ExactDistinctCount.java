package org.marketlink.quality.metrics;

import org.marketlink.core.data.RowView;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.rules.RuleState;

import java.util.HashSet;
import java.util.Set;

/**
 * The number of distinct present values of one column, counted exactly (memory grows with the distinct values),
 * judged against [min, max]. Not thread-safe.
 */
public final class ExactDistinctCount implements RuleState {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final int column;
    private final long min;
    private final long max;
    private final Set<Object> values = new HashSet<>();

    /**
     * An empty state.
     *
     * @param name   the rule's name
     * @param column the position of the column
     * @param min    the smallest value allowed
     * @param max    the largest value allowed
     */
    public ExactDistinctCount(String name, int column, long min, long max) {
        this.name = name;
        this.column = column;
        this.min = min;
        this.max = max;
    }

    @Override
    public void accept(RowView row) {
        Object v = row.get(column);
        if (v != null) {
            values.add(SqlEquality.key(v));
        }
    }

    @Override
    public void merge(RuleState other) {
        values.addAll(((ExactDistinctCount) other).values);
    }

    @Override
    public RuleOutcome outcome() {
        return MetricBounds.judge(name, values.size(), min, max, "exactly");
    }
}

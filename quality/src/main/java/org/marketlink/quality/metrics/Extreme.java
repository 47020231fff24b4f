package org.marketlink.quality.metrics;

import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.RowView;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.rules.RuleState;

/**
 * The smallest or the largest present value of one numeric column, judged against [min, max]; errored when the
 * column has no value. NaN values are left out (they have no order); infinities count. Exact and mergeable: one
 * double per chunk. Not thread-safe.
 */
public final class Extreme implements RuleState {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final int column;
    private final boolean largest;
    private final double min;
    private final double max;
    private boolean seen;
    private double value;

    /**
     * An empty extreme.
     *
     * @param name    the rule's name
     * @param column  the position of the numeric column
     * @param largest the largest value when true, the smallest when false
     * @param min     the smallest extreme allowed
     * @param max     the largest extreme allowed
     */
    public Extreme(String name, int column, boolean largest, double min, double max) {
        this.name = name;
        this.column = column;
        this.largest = largest;
        this.min = min;
        this.max = max;
    }

    @Override
    public void accept(RowView row) {
        Object v = row.get(column);
        if (v == null) {
            return;
        }
        double d = ((Number) v).doubleValue();
        if (d == d) {
            add(d);
        }
    }

    @Override
    public boolean columnar() {
        return true;
    }

    @Override
    public void acceptColumns(ColumnBatch batch, long[] failed) {
        Numbers.forEach(batch, column, d -> {
            if (d == d) {
                add(d);
            }
        });
    }

    private void add(double d) {
        if (!seen) {
            seen = true;
            value = d;
        } else if (largest ? d > value : d < value) {
            value = d;
        }
    }

    @Override
    public void merge(RuleState other) {
        Extreme o = (Extreme) other;
        if (o.seen) {
            add(o.value);
        }
    }

    @Override
    public RuleOutcome outcome() {
        if (!seen) {
            return new RuleOutcome.Errored(name, Double.NaN, "no values");
        }
        return MetricBounds.judge(name, value, min, max, largest ? "largest" : "smallest");
    }
}

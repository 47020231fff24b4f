package org.marketlink.quality.metrics;

import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.RowView;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Severity;
import org.marketlink.quality.rules.RuleState;

import java.util.List;

/** The number of rows, judged against [min, max]. Not thread-safe, as every state. */
public final class RowCount implements RuleState {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final long min;
    private final long max;
    private long rows;

    /**
     * An empty count.
     *
     * @param name the rule's name
     * @param min  the fewest rows allowed
     * @param max  the most rows allowed
     */
    public RowCount(String name, long min, long max) {
        this.name = name;
        this.min = min;
        this.max = max;
    }

    @Override
    public void accept(RowView row) {
        rows++;
    }

    @Override
    public boolean columnar() {
        return true;
    }

    @Override
    public void acceptColumns(ColumnBatch batch, long[] failed) {
        rows += batch.size();
    }

    @Override
    public void merge(RuleState other) {
        rows += ((RowCount) other).rows;
    }

    @Override
    public RuleOutcome outcome() {
        String msg = rows + " rows, expected " + min + ".." + max;
        return rows >= min && rows <= max ? new RuleOutcome.Passed(name, rows, msg)
                : new RuleOutcome.Failed(name, rows, msg, Severity.ERROR, 0, List.of(), List.of());
    }
}

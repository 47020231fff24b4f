package org.marketlink.quality.metrics;

import org.marketlink.core.data.RowView;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Severity;
import org.marketlink.quality.rules.RuleState;

import java.util.List;

/**
 * The state of a primary key: counts rows with an empty key column and feeds the others to a uniqueness state
 * ({@link DistinctKeys} or {@link DistinctLongs}). Not thread-safe.
 */
public final class PrimaryKeyCounts implements RuleState {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final int[] idx;
    private final RuleState unique;
    private long emptyKeys;
    private long rows;

    /**
     * No row seen yet.
     *
     * @param name   the rule's name
     * @param idx    the positions of the key columns
     * @param unique an empty uniqueness state over the same columns
     */
    public PrimaryKeyCounts(String name, int[] idx, RuleState unique) {
        this.name = name;
        this.idx = idx;
        this.unique = unique;
    }

    @Override
    public void accept(RowView row) {
        rows++;
        for (int i : idx) {
            Object v = row.get(i);
            if (v == null || v instanceof String text && text.isBlank()) {
                emptyKeys++;
                return;
            }
        }
        unique.accept(row);
    }

    @Override
    public void merge(RuleState other) {
        PrimaryKeyCounts o = (PrimaryKeyCounts) other;
        rows += o.rows;
        emptyKeys += o.emptyKeys;
        unique.merge(o.unique);
    }

    @Override
    public RuleOutcome outcome() {
        RuleOutcome u = unique.outcome();
        long duplicates = u instanceof RuleOutcome.Failed f ? f.failingRows() : 0;
        double metric = rows == 0 ? 1 : (double) (rows - emptyKeys - duplicates) / rows;
        if (emptyKeys == 0 && duplicates == 0) {
            return new RuleOutcome.Passed(name, metric, rows + " rows, every key present and distinct");
        }
        List<RuleOutcome.ValueCount> top = u instanceof RuleOutcome.Failed f ? f.topValues() : List.of();
        String message = (emptyKeys > 0 ? emptyKeys + " row" + (emptyKeys == 1 ? "" : "s") + " with an empty key"
                : "") + (emptyKeys > 0 && duplicates > 0 ? "; " : "") + (duplicates > 0 ? u.message() : "");
        return new RuleOutcome.Failed(name, metric, message, Severity.ERROR, emptyKeys + duplicates, top,
                List.of());
    }
}

package org.marketlink.quality.rules;

import org.marketlink.core.data.RowView;
import org.marketlink.quality.RuleOutcome;

/** A uniqueness state fed only the rows whose key columns all hold a value. */
final class PresentKeysOnly implements RuleState {
    private static final long serialVersionUID = 1L;
    private final int[] key;
    private final RuleState state;

    PresentKeysOnly(int[] key, RuleState state) {
        this.key = key;
        this.state = state;
    }

    @Override
    public void accept(RowView row) {
        for (int i : key) {
            if (row.get(i) == null) {
                return;
            }
        }
        state.accept(row);
    }

    @Override
    public void merge(RuleState other) {
        state.merge(((PresentKeysOnly) other).state);
    }

    @Override
    public RuleOutcome outcome() {
        return state.outcome();
    }
}

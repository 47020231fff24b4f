package org.marketlink.quality.rules;

import org.marketlink.core.data.RowView;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Severity;

import java.util.List;

/** The state of a rule about the schema itself: its outcome is known when the rule is bound, rows do not change it. */
final class SchemaFact implements RuleState {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final boolean holds;
    private final String message;

    SchemaFact(String name, boolean holds, String message) {
        this.name = name;
        this.holds = holds;
        this.message = message;
    }

    @Override
    public void accept(RowView row) {
        // the schema is the same for every row
    }

    @Override
    public void merge(RuleState other) {
        // every chunk of one bound rule saw the same schema
    }

    @Override
    public RuleOutcome outcome() {
        return holds ? new RuleOutcome.Passed(name, 1, message)
                : new RuleOutcome.Failed(name, 0, message, Severity.ERROR, 0, List.of(), List.of());
    }
}

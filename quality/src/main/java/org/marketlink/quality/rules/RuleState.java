package org.marketlink.quality.rules;

import org.marketlink.core.data.Row;
import org.marketlink.quality.RuleOutcome;

/**
 * The metric state of one rule over part of a dataset. States of the same rule merge: the result over a whole
 * dataset is the same whether it is read in one pass, in chunks merged later, or in parallel. Not thread-safe.
 */
public interface RuleState {

    void accept(Row row);

    /** Adds {@code other}'s rows to this state (the other state must come from the same bound rule). */
    void merge(RuleState other);

    /** The outcome over all rows seen. */
    RuleOutcome outcome();
}

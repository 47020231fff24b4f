package org.marketlink.quality.rules;

import org.marketlink.core.data.RowView;
import org.marketlink.core.pipeline.Violation;

/** A rule bound to a schema. Thread-safe; its states are not. */
public interface BoundRule {

    /** The rule's name. */
    String name();

    /** A fresh, empty metric state for one pass (or one chunk of a pass). */
    RuleState newState();

    /** Whether the rule judges single rows (so it can quarantine them) rather than the dataset as a whole. */
    boolean rowLevel();

    /** For row-level rules: the violation of this row, or null when it passes. Allocates only for failures. */
    default Violation check(RowView row) {
        return null;
    }
}

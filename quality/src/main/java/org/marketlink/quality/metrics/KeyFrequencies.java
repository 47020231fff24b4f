package org.marketlink.quality.metrics;

import org.marketlink.quality.rules.RuleState;

/** A uniqueness state that also tells how many keys occurred exactly once. Not thread-safe, as every state. */
public interface KeyFrequencies extends RuleState {

    /**
     * The keys seen exactly once, a key with an empty column not counted (Deequ's {@code Uniqueness} numerator).
     *
     * @return the count, over all rows seen
     */
    long keysSeenOnce();
}

package org.marketlink.store.features;

import java.time.Instant;

/**
 * An entity at a moment: a row of a training set asks for the feature values as they were known then.
 *
 * @param entityKey the entity's key, for example a product id
 * @param at        the moment; values stamped later are never returned for it
 */
public record EntityTime(String entityKey, Instant at) {
    /** Checks that the key and moment are given. */
    public EntityTime {
        if (entityKey == null || entityKey.isBlank() || at == null) {
            throw new IllegalArgumentException("entityKey and at must be given, were '" + entityKey + "', " + at);
        }
    }
}

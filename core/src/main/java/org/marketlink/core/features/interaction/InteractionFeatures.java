package org.marketlink.core.features.interaction;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-user and per-item interaction features: counts, distinct counterparts, average rating, last interaction, and
 * each user's N most recent interactions (kept in a bounded heap, so memory per user is N whatever the history).
 * Built once from a batch of interactions; immutable and thread-safe afterwards.
 */
public final class InteractionFeatures {
    private final Map<String, InteractionSummary> users;
    private final Map<String, InteractionSummary> items;
    private final Map<String, List<Interaction>> recent;

    InteractionFeatures(Map<String, InteractionSummary> users, Map<String, InteractionSummary> items,
                        Map<String, List<Interaction>> recent) {
        this.users = users;
        this.items = items;
        this.recent = recent;
    }

    /**
     * Summarises a batch (for a stream, {@link LiveInteractionFeatures} keeps the same features up to date).
     *
     * @param recentPerUser how many recent interactions to keep per user, ≥ 0
     */
    public static InteractionFeatures of(Collection<Interaction> interactions, int recentPerUser) {
        if (recentPerUser < 0) {
            throw new IllegalArgumentException("recentPerUser must not be negative, was " + recentPerUser);
        }
        LiveInteractionFeatures live = LiveInteractionFeatures.keepingRecent(recentPerUser);
        live.update(interactions);
        return live.snapshot();
    }

    /** A user's summary; all zeros (rating NaN, no last time) for a user never seen. */
    public InteractionSummary user(String user) {
        return users.getOrDefault(user, InteractionSummary.NONE);
    }

    /** An item's summary; all zeros for an item never seen. */
    public InteractionSummary item(String item) {
        return items.getOrDefault(item, InteractionSummary.NONE);
    }

    /** A user's most recent interactions, newest first (ties by item); empty for an unknown user. */
    public List<Interaction> recent(String user) {
        return recent.getOrDefault(user, List.of());
    }

    /** Every user seen. */
    public Set<String> users() {
        return users.keySet();
    }

    /** Every item seen. */
    public Set<String> items() {
        return items.keySet();
    }
}

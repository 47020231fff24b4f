package org.marketlink.core.features.interaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Per-user and per-item interaction features: counts, distinct counterparts, average rating, last interaction, and
 * each user's N most recent interactions (kept in a bounded heap, so memory per user is N whatever the history).
 * Built once from a batch of interactions; immutable and thread-safe afterwards.
 */
public final class InteractionFeatures {
    private static final Comparator<Interaction> OLDEST_FIRST =
            Comparator.comparing(Interaction::at).thenComparing(Interaction::item);

    private final Map<String, InteractionSummary> users;
    private final Map<String, InteractionSummary> items;
    private final Map<String, List<Interaction>> recent;

    private InteractionFeatures(Map<String, InteractionSummary> users, Map<String, InteractionSummary> items,
                                Map<String, List<Interaction>> recent) {
        this.users = users;
        this.items = items;
        this.recent = recent;
    }

    /**
     * Summarises a batch.
     *
     * @param recentPerUser how many recent interactions to keep per user, ≥ 0
     */
    public static InteractionFeatures of(Collection<Interaction> interactions, int recentPerUser) {
        if (recentPerUser < 0) {
            throw new IllegalArgumentException("recentPerUser must not be negative, was " + recentPerUser);
        }
        Map<String, Accumulator> byUser = new HashMap<>();
        Map<String, Accumulator> byItem = new HashMap<>();
        Map<String, PriorityQueue<Interaction>> latest = new HashMap<>();
        for (Interaction i : interactions) {
            byUser.computeIfAbsent(i.user(), k -> new Accumulator()).add(i, i.item());
            byItem.computeIfAbsent(i.item(), k -> new Accumulator()).add(i, i.user());
            if (recentPerUser > 0) {
                PriorityQueue<Interaction> heap = latest.computeIfAbsent(i.user(), k -> new PriorityQueue<>(OLDEST_FIRST));
                heap.add(i);
                if (heap.size() > recentPerUser) {
                    heap.poll();
                }
            }
        }
        Map<String, List<Interaction>> recent = new HashMap<>();
        latest.forEach((user, heap) -> {
            List<Interaction> list = new ArrayList<>(heap);
            list.sort(OLDEST_FIRST.reversed());
            recent.put(user, List.copyOf(list));
        });
        return new InteractionFeatures(summaries(byUser), summaries(byItem), recent);
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

    private static Map<String, InteractionSummary> summaries(Map<String, Accumulator> acc) {
        Map<String, InteractionSummary> out = new HashMap<>();
        acc.forEach((k, a) -> out.put(k, new InteractionSummary(a.count, a.counterparts.size(), a.ratings,
                a.ratings == 0 ? Double.NaN : a.ratingSum / a.ratings, Optional.ofNullable(a.last))));
        return Map.copyOf(out);
    }

    private static final class Accumulator {
        long count;
        long ratings;
        double ratingSum;
        Instant last;
        final Set<String> counterparts = new HashSet<>();

        void add(Interaction i, String counterpart) {
            count++;
            counterparts.add(counterpart);
            if (!Double.isNaN(i.rating())) {
                ratings++;
                ratingSum += i.rating();
            }
            if (last == null || i.at().isAfter(last)) {
                last = i.at();
            }
        }
    }
}

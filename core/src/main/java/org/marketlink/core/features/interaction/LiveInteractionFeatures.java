package org.marketlink.core.features.interaction;

import org.marketlink.core.Checks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The interaction features of {@link InteractionFeatures}, kept up to date as interactions arrive: each
 * {@link #update} takes one batch (a chunk of a stream) and says which users and items it changed, so that only
 * their features are written again. After any sequence of updates the features equal those of
 * {@link InteractionFeatures#of} over all the interactions at once, however they were split. Memory: one summary
 * per user and per item (with the set of its distinct counterparts) and at most {@code recentPerUser}
 * interactions per user.
 *
 * <p>Thread-safe: updates and reads may come from different threads; each read sees whole updates.
 */
public final class LiveInteractionFeatures {

    private final int recentPerUser;
    private final StringMap<Accumulator> users = new StringMap<>();
    private final StringMap<Accumulator> items = new StringMap<>();
    /** Item names by their accumulator's id: the recent lists keep ids. */
    private final List<String> itemNames = new ArrayList<>();
    /**
     * Every (user, item) pair seen, as {@code userId << 32 | itemId}: a pair seen for the first time adds a distinct
     * counterpart to both sides. One primitive set instead of a set of strings per user and per item (the hot spot
     * of a profile of a stream of a million events).
     */
    private final LongHashSet pairs = new LongHashSet();
    /** Counts updates, so that each accumulator knows whether this update has changed it already. */
    private long updates;

    private LiveInteractionFeatures(int recentPerUser) {
        this.recentPerUser = recentPerUser;
    }

    /**
     * Empty features keeping each user's {@code recentPerUser} newest interactions.
     *
     * @param recentPerUser how many recent interactions to keep per user, ≥ 0
     * @return features with nothing seen yet
     */
    public static LiveInteractionFeatures keepingRecent(int recentPerUser) {
        Checks.atLeast("recentPerUser", recentPerUser, 0);
        return new LiveInteractionFeatures(recentPerUser);
    }

    /**
     * What one update changed.
     *
     * @param users the users whose features changed, in the order first seen in the batch
     * @param items the items whose features changed, in the order first seen in the batch
     */
    public record Changed(Set<String> users, Set<String> items) {
        /** Checks that both sets are given (they are read-only views: an update hands over its own). */
        public Changed {
            Checks.notNull("users", users);
            Checks.notNull("items", items);
        }
    }

    /**
     * Adds a batch of interactions.
     *
     * @param interactions the batch, in any order
     * @return the users and items it changed
     */
    public synchronized Changed update(Collection<Interaction> interactions) {
        long stamp = ++updates;
        // distinct by the stamps below: lists, not hash sets
        List<String> changedUsers = new ArrayList<>();
        List<String> changedItems = new ArrayList<>();
        for (Interaction i : interactions) {
            Accumulator user = users.get(i.user());
            if (user == null) {
                user = new Accumulator(users.size());
                users.putNew(i.user(), user);
            }
            Accumulator item = items.get(i.item());
            if (item == null) {
                item = new Accumulator(items.size());
                items.putNew(i.item(), item);
                itemNames.add(i.item());
            }
            boolean newPair = pairs.add((long) user.id << 32 | (item.id & 0xFFFFFFFFL));
            user.add(i, newPair);
            item.add(i, newPair);
            // each name once per update, without a set look-up per interaction
            if (user.changedIn != stamp) {
                user.changedIn = stamp;
                changedUsers.add(i.user());
            }
            if (item.changedIn != stamp) {
                item.changedIn = stamp;
                changedItems.add(i.item());
            }
            if (recentPerUser > 0) {
                if (user.recent == null) {
                    user.recent = new RecentList(recentPerUser);
                }
                user.recent.add(i.at(), item.id, i.rating(), itemNames);
            }
        }
        return new Changed(new FirstSeenSet(changedUsers), new FirstSeenSet(changedItems));
    }

    /**
     * A user's summary now; all zeros (rating NaN, no last time) for a user never seen.
     *
     * @param user the user
     * @return the summary
     */
    public synchronized InteractionSummary user(String user) {
        Accumulator a = users.get(user);
        return a == null ? InteractionSummary.NONE : a.summary();
    }

    /**
     * An item's summary now; all zeros for an item never seen.
     *
     * @param item the item
     * @return the summary
     */
    public synchronized InteractionSummary item(String item) {
        Accumulator a = items.get(item);
        return a == null ? InteractionSummary.NONE : a.summary();
    }

    /**
     * A user's most recent interactions now, newest first (ties by item); empty for an unknown user.
     *
     * @param user the user
     * @return at most {@code recentPerUser} interactions
     */
    public synchronized List<Interaction> recent(String user) {
        Accumulator a = users.get(user);
        if (a == null || a.recent == null) {
            return List.of();
        }
        List<Interaction> list = a.recent.oldestFirst(user, itemNames);
        Collections.reverse(list);
        return List.copyOf(list);
    }

    /**
     * The features as they are now, frozen.
     *
     * @return an immutable copy
     */
    public synchronized InteractionFeatures snapshot() {
        Map<String, InteractionSummary> u = new HashMap<>();
        users.forEach((k, a) -> u.put(k, a.summary()));
        Map<String, InteractionSummary> it = new HashMap<>();
        items.forEach((k, a) -> it.put(k, a.summary()));
        Map<String, List<Interaction>> r = new HashMap<>();
        users.forEach((k, a) -> {
            if (a.recent != null) {
                r.put(k, recent(k));
            }
        });
        return new InteractionFeatures(Map.copyOf(u), Map.copyOf(it), Map.copyOf(r));
    }

    private static final class Accumulator {
        /** Dense id, for the pair set. */
        final int id;
        /** The update that last changed it. */
        long changedIn;
        /** For a user: the newest interactions, oldest at the head; null until one is kept. */
        RecentList recent;
        long count;
        int counterparts;
        long ratings;
        double ratingSum;
        /** The latest time seen, as seconds and nanoseconds (no instant kept per event); none while count is 0. */
        long lastSeconds = Long.MIN_VALUE;
        int lastNanos;

        Accumulator(int id) {
            this.id = id;
        }

        void add(Interaction i, boolean newCounterpart) {
            count++;
            if (newCounterpart) {
                counterparts++;
            }
            if (!Double.isNaN(i.rating())) {
                ratings++;
                ratingSum += i.rating();
            }
            long s = i.at().getEpochSecond();
            int ns = i.at().getNano();
            if (s > lastSeconds || s == lastSeconds && ns > lastNanos) {
                lastSeconds = s;
                lastNanos = ns;
            }
        }

        InteractionSummary summary() {
            return new InteractionSummary(count, counterparts, ratings,
                    ratings == 0 ? Double.NaN : ratingSum / ratings,
                    count == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(lastSeconds, lastNanos)));
        }
    }
}

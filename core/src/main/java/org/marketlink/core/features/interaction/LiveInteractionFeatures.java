package org.marketlink.core.features.interaction;

import org.marketlink.core.Checks;
import org.marketlink.core.data.Row;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 * per user and per item, per user the set of the items it has interacted with (about 8 bytes a distinct pair) and
 * at most {@code recentPerUser} interactions.
 *
 * <p>Thread-safe: updates and reads may come from different threads; each read sees whole updates.
 */
public final class LiveInteractionFeatures {

    private final int recentPerUser;
    private final StringMap<Accumulator> users = new StringMap<>();
    private final StringMap<Accumulator> items = new StringMap<>();
    /** Item names by their accumulator's id: the recent lists keep ids. */
    private final List<String> itemNames = new ArrayList<>();
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
        Batch batch = new Batch(++updates);
        for (Interaction i : interactions) {
            add(batch, i.user(), i.item(), i.at().getEpochSecond(), i.at().getNano(), i.rating());
        }
        return batch.changed();
    }

    /**
     * Adds a batch of interactions given as rows (a pipeline's chunk), read through {@code fields} by position: no
     * {@link Interaction} is made per row. The rows are checked before any is added, so a batch with a bad row
     * changes nothing.
     *
     * @param rows   the batch, in any order, rows of the schema {@code fields} was bound to
     * @param fields where each row holds its user, item, time and rating
     * @return the users and items it changed
     * @throws IllegalArgumentException naming the field and the row's position in {@code rows} (never a value)
     *                                  when a row has no user, item or time, or a rating that is not finite
     */
    public synchronized Changed update(List<Row> rows, InteractionFields fields) {
        Checks.notNull("rows", rows);
        Checks.notNull("fields", fields);
        for (int r = 0; r < rows.size(); r++) {
            fields.check(rows.get(r), r);
        }
        Batch batch = new Batch(++updates);
        for (Row row : rows) {
            add(batch, fields.user(row), fields.item(row), fields.epochSecond(row), fields.nano(row),
                    fields.rating(row));
        }
        return batch.changed();
    }

    /** One update's stamp and what it changed, each name once: lists kept distinct by the accumulators' stamps. */
    private static final class Batch {
        final long stamp;
        final List<String> users = new ArrayList<>();
        final List<String> items = new ArrayList<>();

        Batch(long stamp) {
            this.stamp = stamp;
        }

        Changed changed() {
            return new Changed(new FirstSeenSet(users), new FirstSeenSet(items));
        }
    }

    /** Adds one interaction (caller holds the lock). */
    private void add(Batch batch, String userName, String itemName, long seconds, int nanos, double rating) {
        Accumulator user = users.get(userName);
        if (user == null) {
            user = new Accumulator(users.size());
            users.putNew(userName, user);
        }
        Accumulator item = items.get(itemName);
        if (item == null) {
            item = new Accumulator(items.size());
            items.putNew(itemName, item);
            itemNames.add(itemName);
        }
        // a pair seen for the first time adds a distinct counterpart to both sides: the user's item set decides
        boolean newPair = user.addItem(item.id);
        user.add(seconds, nanos, rating, newPair);
        item.add(seconds, nanos, rating, newPair);
        // each name once per update, without a set look-up per interaction
        if (user.changedIn != batch.stamp) {
            user.changedIn = batch.stamp;
            batch.users.add(userName);
        }
        if (item.changedIn != batch.stamp) {
            item.changedIn = batch.stamp;
            batch.items.add(itemName);
        }
        if (recentPerUser > 0) {
            if (user.recent == null) {
                user.recent = RecentList.ofCapacity(recentPerUser);
            }
            user.recentSize = RecentList.add(user.recent, user.recentSize, seconds, nanos, item.id, rating, itemNames);
        }
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
        List<Interaction> list = RecentList.oldestFirst(a.recent, a.recentSize, user, itemNames);
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
        /** How many item ids a user's set scans before it hashes them. */
        private static final int SCANNED = 16;
        /** Dense id: an item's in the users' item sets and the recent lists. */
        final int id;
        /**
         * For a user: the ids of the items seen, null until the first. Up to {@value #SCANNED} of them are kept
         * unordered and scanned (one or two cache lines, no hashing); beyond that as {@code id + 1} (0 marks an
         * empty slot) in an open-addressing table (linear probing, power of two, at most half full). One small table
         * per user, near the user's other state, instead of one set of all (user, item) pairs: a global table of a
         * million pairs cost a cache miss per event (a profile of a stream).
         */
        int[] itemSet;
        int itemSetSize;
        /** The update that last changed it. */
        long changedIn;
        /** For a user: the newest interactions, oldest first (see {@link RecentList}); null until one is kept. */
        long[] recent;
        int recentSize;
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

        /** Adds {@code item} to this user's item set; true when it was not there. */
        boolean addItem(int item) {
            int[] set = itemSet;
            int n = itemSetSize;
            if (n <= SCANNED) {
                if (set == null) {
                    set = itemSet = new int[4];
                }
                for (int k = 0; k < n; k++) {
                    if (set[k] == item) {
                        return false;
                    }
                }
                if (n < SCANNED) {
                    if (n == set.length) {
                        set = itemSet = Arrays.copyOf(set, 2 * n);
                    }
                    set[n] = item;
                    itemSetSize = n + 1;
                    return true;
                }
                set = itemSet = hashed(set, 4 * SCANNED); // the (SCANNED + 1)th item: from now on by hash
            }
            int key = item + 1;
            int mask = set.length - 1;
            for (int slot = StringMap.mix(key) & mask; ; slot = (slot + 1) & mask) {
                int there = set[slot];
                if (there == key) {
                    return false;
                }
                if (there == 0) {
                    set[slot] = key;
                    if (++itemSetSize * 2 > set.length) {
                        itemSet = rehashed(set);
                    }
                    return true;
                }
            }
        }

        /** The {@value #SCANNED} scanned ids in a hash table of {@code size} slots. */
        private static int[] hashed(int[] scanned, int size) {
            int[] table = new int[size];
            for (int k = 0; k < SCANNED; k++) {
                put(table, scanned[k] + 1);
            }
            return table;
        }

        private static int[] rehashed(int[] table) {
            int[] bigger = new int[table.length * 2];
            for (int key : table) {
                if (key != 0) {
                    put(bigger, key);
                }
            }
            return bigger;
        }

        private static void put(int[] table, int key) {
            int mask = table.length - 1;
            int slot = StringMap.mix(key) & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = key;
        }

        void add(long s, int ns, double rating, boolean newCounterpart) {
            count++;
            if (newCounterpart) {
                counterparts++;
            }
            if (!Double.isNaN(rating)) {
                ratings++;
                ratingSum += rating;
            }
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

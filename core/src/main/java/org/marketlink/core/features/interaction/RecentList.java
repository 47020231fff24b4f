package org.marketlink.core.features.interaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest interactions of one user, kept sorted oldest first (by time, then item name) in one {@code long[]} that
 * the user's accumulator holds, with its count beside it: the time as seconds and nanoseconds, the item as its id in
 * the features' item table, the rating. The array is the accumulator's own field, not an object of this class,
 * because the update is memory-bound: each object between a user and its entries cost a cache miss per event. No
 * interaction object is kept, so a stream's events die young: holding them made every young collection copy most
 * of the recent lists (a fifth of a run's time went to GC pauses in a measurement). A stream brings a user's
 * interactions mostly in time order, so a new one usually goes at the end after one comparison. Stateless.
 */
final class RecentList {
    /** Longs per kept interaction: seconds, then nanoseconds (high half) and item id (low half), then rating bits. */
    private static final int STRIDE = 3;

    private RecentList() {
    }

    /** An empty array for {@code capacity} interactions. */
    static long[] ofCapacity(int capacity) {
        return new long[capacity * STRIDE];
    }

    /**
     * Keeps the interaction in {@code entries} (holding {@code size}) if it is among the newest the array can hold;
     * when full, the oldest makes room.
     *
     * @param names the item names by id, for ties in time
     * @return the new size
     */
    static int add(long[] entries, int size, long seconds, int nanos, int item, double rating, List<String> names) {
        int capacity = entries.length / STRIDE;
        if (size == capacity) {
            if (compare(entries, seconds, nanos, item, 0, names) <= 0) {
                return size; // not newer than everything kept: a full list keeps what it has
            }
            System.arraycopy(entries, STRIDE, entries, 0, (capacity - 1) * STRIDE);
            size--;
        }
        int at = size;
        while (at > 0 && compare(entries, seconds, nanos, item, at - 1, names) < 0) {
            System.arraycopy(entries, (at - 1) * STRIDE, entries, at * STRIDE, STRIDE);
            at--;
        }
        int e = at * STRIDE;
        entries[e] = seconds;
        entries[e + 1] = (long) nanos << 32 | (item & 0xFFFFFFFFL);
        entries[e + 2] = Double.doubleToRawLongBits(rating);
        return size + 1;
    }

    /** The new interaction against the kept one at {@code k}: by time, then item name. */
    private static int compare(long[] entries, long seconds, int nanos, int item, int k, List<String> names) {
        int e = k * STRIDE;
        int c = Long.compare(seconds, entries[e]);
        if (c == 0) {
            c = Integer.compare(nanos, nanosAt(entries, e));
        }
        if (c == 0 && item != itemAt(entries, e)) {
            c = names.get(item).compareTo(names.get(itemAt(entries, e)));
        }
        return c;
    }

    private static int nanosAt(long[] entries, int e) {
        return (int) (entries[e + 1] >>> 32);
    }

    private static int itemAt(long[] entries, int e) {
        return (int) entries[e + 1];
    }

    /** The {@code size} kept, oldest first, as interactions of {@code user}. */
    static List<Interaction> oldestFirst(long[] entries, int size, String user, List<String> names) {
        List<Interaction> list = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            int e = k * STRIDE;
            list.add(new Interaction(user, names.get(itemAt(entries, e)),
                    Instant.ofEpochSecond(entries[e], nanosAt(entries, e)), Double.longBitsToDouble(entries[e + 2])));
        }
        return list;
    }
}

package org.marketlink.core.features.interaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest {@code capacity} interactions of one user, kept sorted oldest first (by time, then item name) in
 * one primitive array: the time as seconds and nanoseconds, the item as its id in the features' item table, the
 * rating. No interaction object is kept, so a stream's events die young: holding them made every young
 * collection copy most of the recent lists (a fifth of a run's time went to GC pauses in a measurement). A
 * stream brings a user's interactions mostly in time order, so a new one usually goes at the end after one
 * comparison. Not thread-safe.
 */
final class RecentList {
    /** Longs per kept interaction: seconds, then nanoseconds (high half) and item id (low half), then rating bits. */
    private static final int STRIDE = 3;
    /**
     * Every kept interaction in one array, oldest first: a user's newest entries share a cache line or two, where an
     * array per component cost a miss each (the update is memory-bound).
     */
    private final long[] entries;
    private final int capacity;
    private int size;

    RecentList(int capacity) {
        this.capacity = capacity;
        entries = new long[capacity * STRIDE];
    }

    /**
     * Keeps the interaction if it is among the newest {@code capacity} seen; when full, the oldest makes room.
     *
     * @param names the item names by id, for ties in time
     */
    void add(long seconds, int nanos, int item, double rating, List<String> names) {
        if (size == capacity) {
            if (compare(seconds, nanos, item, 0, names) <= 0) {
                return; // not newer than everything kept: a full list keeps what it has
            }
            System.arraycopy(entries, STRIDE, entries, 0, (capacity - 1) * STRIDE);
            size--;
        }
        int at = size;
        while (at > 0 && compare(seconds, nanos, item, at - 1, names) < 0) {
            System.arraycopy(entries, (at - 1) * STRIDE, entries, at * STRIDE, STRIDE);
            at--;
        }
        int e = at * STRIDE;
        entries[e] = seconds;
        entries[e + 1] = (long) nanos << 32 | (item & 0xFFFFFFFFL);
        entries[e + 2] = Double.doubleToRawLongBits(rating);
        size++;
    }

    /** The new interaction against the kept one at {@code k}: by time, then item name. */
    private int compare(long seconds, int nanos, int item, int k, List<String> names) {
        int e = k * STRIDE;
        int c = Long.compare(seconds, entries[e]);
        if (c == 0) {
            c = Integer.compare(nanos, nanosAt(e));
        }
        if (c == 0 && item != itemAt(e)) {
            c = names.get(item).compareTo(names.get(itemAt(e)));
        }
        return c;
    }

    private int nanosAt(int e) {
        return (int) (entries[e + 1] >>> 32);
    }

    private int itemAt(int e) {
        return (int) entries[e + 1];
    }

    /** What is kept, oldest first, as interactions of {@code user}. */
    List<Interaction> oldestFirst(String user, List<String> names) {
        List<Interaction> list = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            int e = k * STRIDE;
            list.add(new Interaction(user, names.get(itemAt(e)), Instant.ofEpochSecond(entries[e], nanosAt(e)),
                    Double.longBitsToDouble(entries[e + 2])));
        }
        return list;
    }
}

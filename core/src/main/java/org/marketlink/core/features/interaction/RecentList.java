package org.marketlink.core.features.interaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest {@code capacity} interactions of one user, kept sorted oldest first (by time, then item name) in
 * primitive arrays: the time as seconds and nanoseconds, the item as its id in the features' item table, the
 * rating. No interaction object is kept, so a stream's events die young: holding them made every young
 * collection copy most of the recent lists (a fifth of a run's time went to GC pauses in a measurement). A
 * stream brings a user's interactions mostly in time order, so a new one usually goes at the end after one
 * comparison. Not thread-safe.
 */
final class RecentList {
    private final long[] seconds;
    private final int[] nanos;
    private final int[] items;
    private final double[] ratings;
    private int size;

    RecentList(int capacity) {
        seconds = new long[capacity];
        nanos = new int[capacity];
        items = new int[capacity];
        ratings = new double[capacity];
    }

    /**
     * Keeps the interaction if it is among the newest {@code capacity} seen; when full, the oldest makes room.
     *
     * @param names the item names by id, for ties in time
     */
    void add(Instant at, int item, double rating, List<String> names) {
        long s = at.getEpochSecond();
        int ns = at.getNano();
        int n = seconds.length;
        if (size == n) {
            if (compare(s, ns, item, 0, names) <= 0) {
                return; // not newer than everything kept: a full list keeps what it has
            }
            System.arraycopy(seconds, 1, seconds, 0, n - 1);
            System.arraycopy(nanos, 1, nanos, 0, n - 1);
            System.arraycopy(items, 1, items, 0, n - 1);
            System.arraycopy(ratings, 1, ratings, 0, n - 1);
            size--;
        }
        int at0 = size;
        while (at0 > 0 && compare(s, ns, item, at0 - 1, names) < 0) {
            seconds[at0] = seconds[at0 - 1];
            nanos[at0] = nanos[at0 - 1];
            items[at0] = items[at0 - 1];
            ratings[at0] = ratings[at0 - 1];
            at0--;
        }
        seconds[at0] = s;
        nanos[at0] = ns;
        items[at0] = item;
        ratings[at0] = rating;
        size++;
    }

    /** The new interaction against the kept one at {@code k}: by time, then item name. */
    private int compare(long s, int ns, int item, int k, List<String> names) {
        int c = Long.compare(s, seconds[k]);
        if (c == 0) {
            c = Integer.compare(ns, nanos[k]);
        }
        if (c == 0 && item != items[k]) {
            c = names.get(item).compareTo(names.get(items[k]));
        }
        return c;
    }

    /** What is kept, oldest first, as interactions of {@code user}. */
    List<Interaction> oldestFirst(String user, List<String> names) {
        List<Interaction> list = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            list.add(new Interaction(user, names.get(items[k]), Instant.ofEpochSecond(seconds[k], nanos[k]),
                    ratings[k]));
        }
        return list;
    }
}

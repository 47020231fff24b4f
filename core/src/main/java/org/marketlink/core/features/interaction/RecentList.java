package org.marketlink.core.features.interaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The newest {@code capacity} interactions of one user, kept sorted oldest first in a small array. A stream brings a
 * user's interactions mostly in time order, so a new one usually goes at the end after one comparison, where a
 * heap paid a sift down for every interaction once full (a profile of a stream showed it). Not thread-safe.
 */
final class RecentList {
    private final Interaction[] kept;
    private final Comparator<Interaction> order;
    private int size;

    RecentList(int capacity, Comparator<Interaction> order) {
        this.kept = new Interaction[capacity];
        this.order = order;
    }

    /** Keeps {@code i} if it is among the newest {@code capacity} seen; when full, the oldest makes room. */
    void add(Interaction i) {
        int n = kept.length;
        if (size == n) {
            if (order.compare(i, kept[0]) <= 0) {
                return; // older than everything kept: a full list keeps what it has
            }
            System.arraycopy(kept, 1, kept, 0, n - 1);
            size--;
        }
        int at = size;
        while (at > 0 && order.compare(kept[at - 1], i) > 0) {
            kept[at] = kept[at - 1];
            at--;
        }
        kept[at] = i;
        size++;
    }

    /** What is kept, oldest first. */
    List<Interaction> oldestFirst() {
        return new ArrayList<>(Arrays.asList(kept).subList(0, size));
    }
}

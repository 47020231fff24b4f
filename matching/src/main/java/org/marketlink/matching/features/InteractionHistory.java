package org.marketlink.matching.features;

import java.util.Arrays;

/**
 * Who bought what, and on which day: a log of (buyer, item, day) events held in three primitive arrays. Buyers and
 * items are dense indices {@code 0 .. buyers - 1} and {@code 0 .. items - 1} (map the host's ids once, before); days
 * are any integer day numbers, such as {@link java.time.LocalDate#toEpochDay()}. An event is one purchase line, one
 * completed match, one accepted offer: whatever the host counts as a sign of preference.
 *
 * <p>The collaborative features are computed on a {@link #window window} of the log, never on the whole of it, so
 * that a feature built for training and the same feature built for ranking see the same span of history.
 *
 * <p>Immutable and thread-safe; the arrays given are copied.
 */
public final class InteractionHistory {
    private final int buyers;
    private final int items;
    private final int[] buyer;
    private final int[] item;
    private final int[] day;

    private InteractionHistory(int buyers, int items, int[] buyer, int[] item, int[] day) {
        this.buyers = buyers;
        this.items = items;
        this.buyer = buyer;
        this.item = item;
        this.day = day;
    }

    /**
     * A log of {@code buyer.length} events, event {@code i} being {@code (buyer[i], item[i], day[i])}, in any order.
     *
     * @throws IllegalArgumentException when the arrays differ in length or an index is out of range; the message names
     *                                  the event and the value
     */
    public static InteractionHistory of(int buyers, int items, int[] buyer, int[] item, int[] day) {
        if (buyers < 0 || items < 0) {
            throw new IllegalArgumentException("buyers and items must be at least 0, were " + buyers + ", " + items);
        }
        if (buyer.length != item.length || buyer.length != day.length) {
            throw new IllegalArgumentException("buyer, item and day must have one entry per event, had "
                    + buyer.length + ", " + item.length + ", " + day.length);
        }
        for (int i = 0; i < buyer.length; i++) {
            if (buyer[i] < 0 || buyer[i] >= buyers) {
                throw new IllegalArgumentException("event " + i + ": buyer " + buyer[i] + " is outside 0.." + (buyers - 1));
            }
            if (item[i] < 0 || item[i] >= items) {
                throw new IllegalArgumentException("event " + i + ": item " + item[i] + " is outside 0.." + (items - 1));
            }
        }
        return new InteractionHistory(buyers, items, buyer.clone(), item.clone(), day.clone());
    }

    /** The number of buyer indices. */
    public int buyers() {
        return buyers;
    }

    /** The number of item indices. */
    public int items() {
        return items;
    }

    /** The number of events. */
    public int events() {
        return buyer.length;
    }

    /**
     * The events on days {@code fromDay .. toDay} (both included), aggregated by pair: the history a feature sees when
     * it is computed at the end of {@code toDay}.
     */
    public InteractionWindow window(int fromDay, int toDay) {
        if (fromDay > toDay) {
            throw new IllegalArgumentException("fromDay " + fromDay + " is after toDay " + toDay);
        }
        int[] perItem = new int[items + 1];
        int kept = 0;
        for (int i = 0; i < day.length; i++) {
            if (day[i] >= fromDay && day[i] <= toDay) {
                perItem[item[i] + 1]++;
                kept++;
            }
        }
        for (int j = 0; j < items; j++) {
            perItem[j + 1] += perItem[j];
        }
        // counting sort by item, then (buyer, day) inside each item: one long per event, no boxing
        long[] keys = new long[kept];
        int[] fill = Arrays.copyOf(perItem, items);
        for (int i = 0; i < day.length; i++) {
            if (day[i] >= fromDay && day[i] <= toDay) {
                keys[fill[item[i]]++] = ((long) buyer[i] << 32) | (day[i] - (long) fromDay);
            }
        }
        for (int j = 0; j < items; j++) {
            Arrays.sort(keys, perItem[j], perItem[j + 1]);
        }
        return InteractionWindow.fromSorted(buyers, items, fromDay, toDay, perItem, keys);
    }

    /**
     * For each item, the buyers with at least one event on days {@code fromDay .. toDay} (both included): the outcomes
     * a ranking made at the end of {@code fromDay - 1} is judged on. Row {@code j} is sorted and without repeats.
     */
    public int[][] buyersBetween(int fromDay, int toDay) {
        InteractionWindow w = window(fromDay, toDay);
        int[][] out = new int[items][];
        for (int j = 0; j < items; j++) {
            out[j] = w.buyersOf(j);
        }
        return out;
    }
}

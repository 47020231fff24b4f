package org.marketlink.matching.features;

import java.util.Arrays;

/**
 * The events of an {@link InteractionHistory} between two days, grouped by (item, buyer) pair, in compressed sparse
 * rows both ways: for each item the buyers it had (sorted), for each buyer the items it bought (sorted), and for each
 * pair the days of its events (sorted). Memory is a few ints per event; nothing is dense in buyers × items.
 *
 * <p>Immutable and thread-safe.
 */
public final class InteractionWindow {
    private final int buyers;
    private final int items;
    private final int fromDay;
    private final int toDay;
    /** Pairs of item {@code j} are {@code itemStart[j] .. itemStart[j + 1] - 1}. */
    private final int[] itemStart;
    private final int[] pairBuyer;
    private final int[] pairItem;
    /** Events of pair {@code p} are {@code eventStart[p] .. eventStart[p + 1] - 1}, their days in {@code eventDay}. */
    private final int[] eventStart;
    private final int[] eventDay;
    /** Pairs of buyer {@code b} are {@code buyerPairs[buyerStart[b] .. buyerStart[b + 1] - 1]}, by item. */
    private final int[] buyerStart;
    private final int[] buyerPairs;

    private InteractionWindow(int buyers, int items, int fromDay, int toDay, int[] itemStart, int[] pairBuyer,
                              int[] pairItem, int[] eventStart, int[] eventDay, int[] buyerStart, int[] buyerPairs) {
        this.buyers = buyers;
        this.items = items;
        this.fromDay = fromDay;
        this.toDay = toDay;
        this.itemStart = itemStart;
        this.pairBuyer = pairBuyer;
        this.pairItem = pairItem;
        this.eventStart = eventStart;
        this.eventDay = eventDay;
        this.buyerStart = buyerStart;
        this.buyerPairs = buyerPairs;
    }

    /** Builds the window from events sorted by item (segments {@code perItem}) and by key {@code buyer << 32 | day}. */
    static InteractionWindow fromSorted(int buyers, int items, int fromDay, int toDay, int[] perItem, long[] keys) {
        int pairs = 0;
        for (int j = 0; j < items; j++) {
            for (int e = perItem[j]; e < perItem[j + 1]; e++) {
                if (e == perItem[j] || (keys[e] >>> 32) != (keys[e - 1] >>> 32)) {
                    pairs++;
                }
            }
        }
        int[] itemStart = new int[items + 1];
        int[] pairBuyer = new int[pairs];
        int[] pairItem = new int[pairs];
        int[] eventStart = new int[pairs + 1];
        int[] eventDay = new int[keys.length];
        int p = -1;
        for (int j = 0; j < items; j++) {
            itemStart[j] = p + 1;
            for (int e = perItem[j]; e < perItem[j + 1]; e++) {
                int b = (int) (keys[e] >>> 32);
                if (e == perItem[j] || b != pairBuyer[p]) {
                    p++;
                    pairBuyer[p] = b;
                    pairItem[p] = j;
                    eventStart[p] = e;
                }
                eventDay[e] = (int) (keys[e] & 0xFFFFFFFFL) + fromDay;
            }
        }
        itemStart[items] = pairs;
        eventStart[pairs] = keys.length;
        // the buyer side: pairs are already in item order, so a counting sort by buyer keeps items sorted
        int[] buyerStart = new int[buyers + 1];
        for (int q = 0; q < pairs; q++) {
            buyerStart[pairBuyer[q] + 1]++;
        }
        for (int b = 0; b < buyers; b++) {
            buyerStart[b + 1] += buyerStart[b];
        }
        int[] fill = Arrays.copyOf(buyerStart, buyers);
        int[] buyerPairs = new int[pairs];
        for (int q = 0; q < pairs; q++) {
            buyerPairs[fill[pairBuyer[q]]++] = q;
        }
        return new InteractionWindow(buyers, items, fromDay, toDay, itemStart, pairBuyer, pairItem, eventStart,
                eventDay, buyerStart, buyerPairs);
    }

    /** The number of buyer indices (with or without events here). */
    public int buyers() {
        return buyers;
    }

    /** The number of item indices (with or without events here). */
    public int items() {
        return items;
    }

    /** The first day of the window. */
    public int fromDay() {
        return fromDay;
    }

    /** The last day of the window: features computed on it are as of the end of this day. */
    public int toDay() {
        return toDay;
    }

    /** The number of distinct (item, buyer) pairs with at least one event. */
    public int pairs() {
        return pairBuyer.length;
    }

    /** The number of events in the window. */
    public int events() {
        return eventDay.length;
    }

    /** How many distinct buyers item {@code j} had. */
    public int buyerCount(int j) {
        return itemStart[j + 1] - itemStart[j];
    }

    /** How many distinct items buyer {@code b} bought. */
    public int itemCount(int b) {
        return buyerStart[b + 1] - buyerStart[b];
    }

    /** The buyers of item {@code j}, sorted; a new array. */
    public int[] buyersOf(int j) {
        return Arrays.copyOfRange(pairBuyer, itemStart[j], itemStart[j + 1]);
    }

    /** The items of buyer {@code b}, sorted; a new array. */
    public int[] itemsOf(int b) {
        int[] out = new int[itemCount(b)];
        for (int i = 0; i < out.length; i++) {
            out[i] = pairItem[buyerPairs[buyerStart[b] + i]];
        }
        return out;
    }

    /** The buyers that have at least one event in the window, sorted. */
    public int[] activeBuyers() {
        int n = 0;
        for (int b = 0; b < buyers; b++) {
            n += itemCount(b) > 0 ? 1 : 0;
        }
        int[] out = new int[n];
        n = 0;
        for (int b = 0; b < buyers; b++) {
            if (itemCount(b) > 0) {
                out[n++] = b;
            }
        }
        return out;
    }

    // package-private views for the feature builders, which read the arrays directly on their hot paths

    int[] itemStart() {
        return itemStart;
    }

    int[] pairBuyer() {
        return pairBuyer;
    }

    int[] pairItem() {
        return pairItem;
    }

    int[] eventStart() {
        return eventStart;
    }

    int[] eventDay() {
        return eventDay;
    }

    int[] buyerStart() {
        return buyerStart;
    }

    int[] buyerPairs() {
        return buyerPairs;
    }

    /**
     * {@code Σ 2^(-(toDay - day) / halfLife)} over the events of each pair: a recency-weighted count, as of the end of
     * the window. One entry per pair.
     */
    double[] decayedPairCounts(double halfLifeDays) {
        double[] out = new double[pairBuyer.length];
        double rate = Math.log(2) / halfLifeDays;
        for (int p = 0; p < out.length; p++) {
            double s = 0;
            for (int e = eventStart[p]; e < eventStart[p + 1]; e++) {
                s += Math.exp(-(toDay - eventDay[e]) * rate);
            }
            out[p] = s;
        }
        return out;
    }
}

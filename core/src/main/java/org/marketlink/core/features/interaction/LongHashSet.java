package org.marketlink.core.features.interaction;

/**
 * A set of {@code long}s by open addressing (linear probing, power-of-two table, at most half full): no boxing and
 * no node per element. Only what the interaction features need: {@link #add}. Not thread-safe.
 */
final class LongHashSet {
    /** Marks an empty slot; the value itself is kept apart, since it may occur. */
    private static final long EMPTY = 0L;
    private long[] table = new long[1 << 10];
    private int size;
    private boolean hasEmptyValue;

    /** Adds {@code value}; true when it was not there before. */
    boolean add(long value) {
        if (value == EMPTY) {
            boolean added = !hasEmptyValue;
            hasEmptyValue = true;
            return added;
        }
        int mask = table.length - 1;
        for (int slot = mix(value) & mask; ; slot = (slot + 1) & mask) {
            long there = table[slot];
            if (there == value) {
                return false;
            }
            if (there == EMPTY) {
                table[slot] = value;
                if (++size * 2 > table.length) {
                    grow();
                }
                return true;
            }
        }
    }

    int size() {
        return size + (hasEmptyValue ? 1 : 0);
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        int mask = table.length - 1;
        for (long v : old) {
            if (v != EMPTY) {
                int slot = mix(v) & mask;
                while (table[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = v;
            }
        }
    }

    /** Spreads the bits (the pair's user id is in the high half): a murmur3 finaliser. */
    static int mix(long v) {
        v ^= v >>> 33;
        v *= 0xff51afd7ed558ccdL;
        v ^= v >>> 33;
        v *= 0xc4ceb9fe1a85ec53L;
        v ^= v >>> 33;
        return (int) v;
    }
}

package org.marketlink.core.features.interaction;

import java.util.function.BiConsumer;

/**
 * A map from names to values by open addressing (linear probing, power-of-two table, at most half full), with the
 * names' hash codes spread by a murmur3 finaliser. {@link java.util.HashMap} spreads a hash code only by folding
 * its high half into its low half, and ids such as {@code c12345} differ in a few low digits only: in a profile of a
 * stream of a million events, its bins had turned into trees and the look-ups were the committing thread's hot spot.
 * Only what the interaction features need; no removal. Not thread-safe.
 *
 * @param <V> value type
 */
final class StringMap<V> {
    /**
     * Each slot's key at {@code 2 * slot} and its value right after it: a hit reads one cache line of this array
     * where separate key and value arrays cost two misses (the look-ups are memory-bound).
     */
    private Object[] entries = new Object[2 << 10];
    /** The keys' spread hash codes, compared before a key is read: most probes then touch this array only. */
    private int[] hashes = new int[1 << 10];
    private int size;

    /** The value of {@code key}, or null. */
    @SuppressWarnings("unchecked")
    V get(String key) {
        int mask = hashes.length - 1;
        int hash = spread(key);
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            Object there = entries[2 * slot];
            if (there == null) {
                return null;
            }
            if (hashes[slot] == hash && there.equals(key)) {
                return (V) entries[2 * slot + 1];
            }
        }
    }

    /** Maps a key that is not in the map yet to {@code value}. */
    void putNew(String key, V value) {
        if ((size + 1) * 2 > hashes.length) {
            grow();
        }
        place(spread(key), key, value);
        size++;
    }

    int size() {
        return size;
    }

    /** Each key and value, in no particular order. */
    @SuppressWarnings("unchecked")
    void forEach(BiConsumer<String, V> action) {
        for (int i = 0; i < entries.length; i += 2) {
            if (entries[i] != null) {
                action.accept((String) entries[i], (V) entries[i + 1]);
            }
        }
    }

    private void place(int hash, Object key, Object value) {
        int mask = hashes.length - 1;
        int slot = hash & mask;
        while (entries[2 * slot] != null) {
            slot = (slot + 1) & mask;
        }
        entries[2 * slot] = key;
        entries[2 * slot + 1] = value;
        hashes[slot] = hash;
    }

    private void grow() {
        Object[] oldEntries = entries;
        int[] oldHashes = hashes;
        entries = new Object[oldEntries.length * 2];
        hashes = new int[oldHashes.length * 2];
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldEntries[2 * i] != null) {
                place(oldHashes[i], oldEntries[2 * i], oldEntries[2 * i + 1]);
            }
        }
    }

    private static int spread(String key) {
        return mix(key.hashCode());
    }

    /** Spreads the bits of {@code v} over all 32: a murmur3 finaliser. */
    static int mix(long v) {
        v ^= v >>> 33;
        v *= 0xff51afd7ed558ccdL;
        v ^= v >>> 33;
        v *= 0xc4ceb9fe1a85ec53L;
        v ^= v >>> 33;
        return (int) v;
    }
}

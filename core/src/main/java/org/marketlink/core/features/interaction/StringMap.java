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
    private String[] keys = new String[1 << 10];
    private Object[] values = new Object[1 << 10];
    /** The keys' spread hash codes, compared before a key is read: most probes then touch this array only. */
    private int[] hashes = new int[1 << 10];
    private int size;

    /** The value of {@code key}, or null. */
    @SuppressWarnings("unchecked")
    V get(String key) {
        int mask = keys.length - 1;
        int hash = spread(key);
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            String there = keys[slot];
            if (there == null) {
                return null;
            }
            if (hashes[slot] == hash && there.equals(key)) {
                return (V) values[slot];
            }
        }
    }

    /** Maps a key that is not in the map yet to {@code value}. */
    void putNew(String key, V value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int hash = spread(key);
        int slot = hash & mask;
        while (keys[slot] != null) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = value;
        hashes[slot] = hash;
        size++;
    }

    int size() {
        return size;
    }

    /** Each key and value, in no particular order. */
    @SuppressWarnings("unchecked")
    void forEach(BiConsumer<String, V> action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                action.accept(keys[i], (V) values[i]);
            }
        }
    }

    private void grow() {
        String[] oldKeys = keys;
        Object[] oldValues = values;
        int[] oldHashes = hashes;
        keys = new String[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        hashes = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = oldHashes[i] & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
                hashes[slot] = oldHashes[i];
            }
        }
    }

    private static int spread(String key) {
        return LongHashSet.mix(key.hashCode());
    }
}

package org.marketlink.core.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small least-recently-used map for {@link Stages#enrich}: core carries no cache library, and an access-ordered
 * {@link LinkedHashMap} is all a per-stage cache of look-up answers needs. Thread-safe: every call holds the
 * instance's lock, the look-up of a key not yet cached included, so a key is looked up once while it is cached.
 */
final class RecentlyUsed<K, V> {
    private final long capacity;
    private final Map<K, V> entries;

    RecentlyUsed(long capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > RecentlyUsed.this.capacity;
            }
        };
    }

    synchronized V get(K key, Function<? super K, ? extends V> load) {
        if (capacity == 0) {
            return load.apply(key);
        }
        V value = entries.get(key);
        if (value == null) {
            value = load.apply(key);
            entries.put(key, value);
        }
        return value;
    }
}

package org.marketlink.store.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.marketlink.store.CacheStatistics;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * A read-through Caffeine cache of one entity by id. Absent entities are not cached, so a later insert is seen
 * at once. Writes through the store invalidate the ids they touch; the expiry bounds staleness after writes made
 * outside the store. Thread-safe.
 */
public final class EntityCache<V> {
    private final Cache<UUID, V> cache;
    /** Look-ups made while caching is switched off (maximum size 0): each one is a miss. */
    private final LongAdder uncachedLoads = new LongAdder();

    public EntityCache(long maximumSize, Duration expireAfterWrite) {
        if (maximumSize == 0) {
            this.cache = null;
            return;
        }
        Caffeine<Object, Object> builder = Caffeine.newBuilder().recordStats();
        if (maximumSize >= 0) {
            builder.maximumSize(maximumSize);
        }
        if (expireAfterWrite != null) {
            builder.expireAfterWrite(expireAfterWrite);
        }
        this.cache = builder.build();
    }

    /** The cached value, or the loader's value (cached when present). */
    public Optional<V> get(UUID id, Function<UUID, Optional<V>> loader) {
        if (cache == null) {
            uncachedLoads.increment();
            return loader.apply(id);
        }
        // Caffeine blocks a concurrent invalidate of this key until the load finishes, so a load that read the
        // old row cannot be cached after the write that replaced it was invalidated.
        return Optional.ofNullable(cache.get(id, key -> loader.apply(key).orElse(null)));
    }

    public void invalidate(UUID id) {
        if (cache != null) {
            cache.invalidate(id);
        }
    }

    public void invalidate(Collection<UUID> ids) {
        if (cache != null) {
            cache.invalidateAll(ids);
        }
    }

    public void invalidateAll() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }

    public CacheStatistics statistics() {
        if (cache == null) {
            return new CacheStatistics(0, uncachedLoads.sum(), 0, 0);
        }
        var s = cache.stats();
        return new CacheStatistics(s.hitCount(), s.missCount(), s.evictionCount(), cache.estimatedSize());
    }
}

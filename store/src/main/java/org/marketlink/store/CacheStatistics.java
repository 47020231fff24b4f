package org.marketlink.store;

/**
 * What a catalog cache has done since the store opened.
 *
 * @param hits      look-ups answered from the cache
 * @param misses    look-ups that went to the database
 * @param evictions entries dropped for size or age
 * @param size      entries held now (an estimate)
 */
public record CacheStatistics(long hits, long misses, long evictions, long size) {
    /** hits / (hits + misses), or 0 when nothing was looked up. */
    public double hitRate() {
        long total = hits + misses;
        return total == 0 ? 0 : (double) hits / total;
    }

    /** The sum of these and {@code other}'s figures, for example over several caches. */
    public CacheStatistics plus(CacheStatistics other) {
        return new CacheStatistics(hits + other.hits, misses + other.misses, evictions + other.evictions,
                size + other.size);
    }
}

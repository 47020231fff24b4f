package org.marketlink.store;

import org.marketlink.core.internal.Checks;
import org.marketlink.store.crypto.KeyProvider;

import java.time.Duration;

/**
 * How a {@link MarketStore} behaves once connected.
 *
 * @param keyProvider           keys for encrypted columns (bank details); {@link KeyProvider#none()} refuses
 *                              to write them
 * @param cacheMaximumSize      entries per catalog cache (SHGs, products, buyers); 0 disables caching
 * @param cacheExpireAfterWrite how long a cached entity may be served, bounding staleness after writes made
 *                              outside this store
 * @param writeAttempts         tries of a write that lost a race (deadlock, serialization failure), ≥ 1
 * @param migrate               whether to run the schema migrations on open
 * @param bulkBatchSize         rows per JDBC batch on bulk loads where {@code COPY} is not available
 */
public record StoreOptions(KeyProvider keyProvider, long cacheMaximumSize, Duration cacheExpireAfterWrite,
                           int writeAttempts, boolean migrate, int bulkBatchSize) {
    public StoreOptions {
        Checks.notNull("keyProvider", keyProvider);
        Checks.atLeast("cacheMaximumSize", cacheMaximumSize, 0);
        Checks.notNull("cacheExpireAfterWrite", cacheExpireAfterWrite);
        if (cacheExpireAfterWrite.isNegative() || cacheExpireAfterWrite.isZero()) {
            throw new IllegalArgumentException("cacheExpireAfterWrite must be positive, was " + cacheExpireAfterWrite);
        }
        Checks.atLeast("writeAttempts", writeAttempts, 1);
        Checks.atLeast("bulkBatchSize", bulkBatchSize, 1);
    }

    /** No keys, 10,000 cached entities per kind for 5 minutes, 8 write attempts, migrate on open. */
    public static StoreOptions defaults() {
        return new StoreOptions(KeyProvider.none(), 10_000, Duration.ofMinutes(5), 8, true, 5_000);
    }

    public StoreOptions withKeyProvider(KeyProvider keys) {
        return new StoreOptions(keys, cacheMaximumSize, cacheExpireAfterWrite, writeAttempts, migrate, bulkBatchSize);
    }

    public StoreOptions withCache(long maximumSize, Duration expireAfterWrite) {
        return new StoreOptions(keyProvider, maximumSize, expireAfterWrite, writeAttempts, migrate, bulkBatchSize);
    }

    public StoreOptions withMigrate(boolean run) {
        return new StoreOptions(keyProvider, cacheMaximumSize, cacheExpireAfterWrite, writeAttempts, run, bulkBatchSize);
    }
}

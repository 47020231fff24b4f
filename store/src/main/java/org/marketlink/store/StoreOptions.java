package org.marketlink.store;

import org.marketlink.core.Checks;
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
 * @param schema                the database schema that holds MarketLink's tables and its Flyway history table
 *                              ({@value MarketStore#HISTORY_TABLE}); created on open when missing. A plain
 *                              identifier (letters, digits, underscores, not starting with a digit, at most 63)
 *
 * <p>Immutable and thread-safe.
 */
public record StoreOptions(KeyProvider keyProvider, long cacheMaximumSize, Duration cacheExpireAfterWrite,
                           int writeAttempts, boolean migrate, int bulkBatchSize, String schema) {
    /** The schema MarketLink uses unless told otherwise: its own, beside the host's. */
    public static final String DEFAULT_SCHEMA = "marketlink";

    /** Validates every option; the message names the option and the value. */
    public StoreOptions {
        Checks.notNull("schema", schema);
        if (!schema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("schema must be a plain identifier (letters, digits and underscores, "
                    + "not starting with a digit, at most 63 characters), was '" + schema + "'");
        }
        Checks.notNull("keyProvider", keyProvider);
        Checks.atLeast("cacheMaximumSize", cacheMaximumSize, 0);
        Checks.notNull("cacheExpireAfterWrite", cacheExpireAfterWrite);
        if (cacheExpireAfterWrite.isNegative() || cacheExpireAfterWrite.isZero()) {
            throw new IllegalArgumentException("cacheExpireAfterWrite must be positive, was " + cacheExpireAfterWrite);
        }
        Checks.atLeast("writeAttempts", writeAttempts, 1);
        Checks.atLeast("bulkBatchSize", bulkBatchSize, 1);
    }

    /**
     * No keys, 10,000 cached entities per kind for 5 minutes, 8 write attempts, migrate on open into the schema
     * {@value #DEFAULT_SCHEMA}.
     */
    public static StoreOptions defaults() {
        return new StoreOptions(KeyProvider.none(), 10_000, Duration.ofMinutes(5), 8, true, 5_000, DEFAULT_SCHEMA);
    }

    /** These options with the keys for encrypted columns. */
    public StoreOptions withKeyProvider(KeyProvider keys) {
        return new StoreOptions(keys, cacheMaximumSize, cacheExpireAfterWrite, writeAttempts, migrate, bulkBatchSize, schema);
    }

    /** These options with another catalog cache size and expiry. */
    public StoreOptions withCache(long maximumSize, Duration expireAfterWrite) {
        return new StoreOptions(keyProvider, maximumSize, expireAfterWrite, writeAttempts, migrate, bulkBatchSize, schema);
    }

    /**
     * These options with migration on open turned on or off. Off, the host runs the SQL files under
     * {@code org/marketlink/store/migration} itself (see the README) and the store opens without touching the database schema.
     */
    public StoreOptions withMigrate(boolean run) {
        return new StoreOptions(keyProvider, cacheMaximumSize, cacheExpireAfterWrite, writeAttempts, run, bulkBatchSize, schema);
    }

    /** These options with MarketLink's tables in {@code name} (for example the host's own schema). */
    public StoreOptions withSchema(String name) {
        return new StoreOptions(keyProvider, cacheMaximumSize, cacheExpireAfterWrite, writeAttempts, migrate,
                bulkBatchSize, name);
    }
}

/**
 * Storage: {@link org.marketlink.store.MarketStore} and one Jdbi repository per entity, on PostgreSQL in
 * production and H2 as the embedded default, with Flyway migrations in the store's own schema and history table,
 * a Caffeine catalog cache, quarantine and lineage tables and encrypted bank details.
 */
package org.marketlink.store;

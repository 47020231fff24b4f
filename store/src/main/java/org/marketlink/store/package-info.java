/**
 * Storage: {@link org.marketlink.store.MarketStore} and one Jdbi repository per entity, on PostgreSQL in
 * production and H2 as the embedded default, with Flyway migrations, a Caffeine catalog cache and encrypted bank
 * details.
 */
package org.marketlink.store;

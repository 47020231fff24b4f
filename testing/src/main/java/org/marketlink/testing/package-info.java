/**
 * Seeded test data for hosts' own tests and demos: {@link org.marketlink.testing.MarketFixtures} builds a
 * consistent marketplace of any size, the same on every machine for the same seed.
 */
package org.marketlink.testing;

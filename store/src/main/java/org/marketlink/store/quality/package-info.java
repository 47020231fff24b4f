/**
 * The quality engine against a database: metric history in the {@code quality_metrics} table, suites pushed down to
 * SQL, and the keys of a table read once for a reference rule.
 */
package org.marketlink.store.quality;

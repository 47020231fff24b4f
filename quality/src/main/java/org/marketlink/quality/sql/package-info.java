/**
 * Suites run inside a database: {@link org.marketlink.quality.sql.Pushdown} computes what SQL can compute in one
 * aggregate query on any JDBC database and the rest in memory over the streamed table;
 * {@link org.marketlink.quality.sql.SqlDialect} holds what differs between databases.
 */
package org.marketlink.quality.sql;

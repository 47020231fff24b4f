/**
 * Sources and sinks for pipelines: CSV and JSON Lines files (plain or gzip), and a streaming JDBC source.
 */
package org.marketlink.core.io;

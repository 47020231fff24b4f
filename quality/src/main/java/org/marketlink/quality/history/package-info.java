/**
 * Metric history: where suite results are kept over time, for anomaly detection and reports (an in-memory
 * repository here; the JDBC one is in the {@code marketlink-store} module).
 */
package org.marketlink.quality.history;

package org.marketlink.quality.anomaly;

/**
 * A metric value judged against its history.
 *
 * @param value    the new value
 * @param expected what the strategy expected (its centre)
 * @param lower    the lowest value it would accept
 * @param upper    the highest value it would accept
 * @param reason   why the value is anomalous
 */
public record Anomaly(double value, double expected, double lower, double upper, String reason) {
}

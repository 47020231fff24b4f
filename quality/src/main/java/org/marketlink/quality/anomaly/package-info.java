/**
 * Anomaly strategies over a metric's history: absolute and relative change, z-score, median absolute deviation
 * and a seasonal check through a host-provided predictor.
 */
package org.marketlink.quality.anomaly;

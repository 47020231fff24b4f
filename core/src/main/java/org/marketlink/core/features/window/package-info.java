/**
 * Time-window features per key over columns: rolling count, sum, mean, standard deviation, minimum and maximum over
 * a time range, lags, percentage change and a time-decayed mean, with memory per key bounded by the window. The
 * feature store and model registry that keep such values are in the {@code marketlink-store} module.
 */
package org.marketlink.core.features.window;

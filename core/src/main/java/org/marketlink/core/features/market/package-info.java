/**
 * Market features of products from their market observations ({@code MarketData}): the mean price of a trailing
 * window, its volatility (standard deviation) and its change against the previous observation day. Values are plain
 * numbers for the feature store in {@code marketlink-store}.
 */
package org.marketlink.core.features.market;

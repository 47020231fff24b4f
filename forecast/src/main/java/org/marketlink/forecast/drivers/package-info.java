/**
 * Forecasts driven by what the host knows ahead: prices, promotion flags, holidays. {@link
 * org.marketlink.forecast.drivers.Drivers} holds named driver columns (with {@link
 * org.marketlink.forecast.drivers.Drivers#holidays} for a host's calendar), {@link
 * org.marketlink.forecast.drivers.DynamicRegression} fits demand on them with ARIMA or ETS errors, and its {@link
 * org.marketlink.forecast.drivers.FittedRegression} forecasts from the drivers' future values.
 */
package org.marketlink.forecast.drivers;

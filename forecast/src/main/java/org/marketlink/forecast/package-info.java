/**
 * Demand forecasting: the {@link org.marketlink.forecast.Forecaster} contract, forecasts with intervals and the
 * model that made them (and why a simpler one was used), and batch forecasting of many series.
 */
package org.marketlink.forecast;

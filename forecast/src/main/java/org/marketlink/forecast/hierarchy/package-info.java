/**
 * Forecasts that add up: a {@link org.marketlink.forecast.hierarchy.Hierarchy} of series (product → category →
 * market, or any tree) and {@link org.marketlink.forecast.hierarchy.Reconciliation} of independent forecasts for its
 * nodes (bottom-up, OLS, structural WLS, MinT with shrinkage).
 */
package org.marketlink.forecast.hierarchy;

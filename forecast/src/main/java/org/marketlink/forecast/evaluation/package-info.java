/**
 * Forecast accuracy (sMAPE, MASE, OWA, RMSE, interval coverage, MSIS, pinball) and competition data sets.
 */
package org.marketlink.forecast.evaluation;

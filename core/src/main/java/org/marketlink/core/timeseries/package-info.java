/** Regular time series shared by the forecasting, quality and feature code. */
package org.marketlink.core.timeseries;

/**
 * The statistical models: naive and seasonal naive, SES, Theta, the ETS family, ARIMA, the Croston family for
 * intermittent demand, combinations and the automatic default.
 */
package org.marketlink.forecast.models;

/** Forecasting every series of a grouped Spark Dataset into DemandForecast rows. */
package org.marketlink.spark.forecast;

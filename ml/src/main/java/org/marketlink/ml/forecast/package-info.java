/**
 * The global gradient-boosting forecaster on Smile 2.6.0 (LGPL-3.0): one model over many series' lags.
 */
package org.marketlink.ml.forecast;

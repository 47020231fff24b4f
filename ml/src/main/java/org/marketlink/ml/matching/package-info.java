/**
 * The learned match scorer on Smile 2.6.0 (LGPL-3.0): logistic regression or gradient boosting, calibrated,
 * explained and saved with a versioned header.
 */
package org.marketlink.ml.matching;

/**
 * Prediction intervals calibrated on what a method's forecasts actually missed by: split conformal calibration over
 * a panel of series ({@link org.marketlink.forecast.calibration.ConformalCalibration}) and the forecaster that
 * applies it ({@link org.marketlink.forecast.calibration.Calibrated}).
 */
package org.marketlink.forecast.calibration;

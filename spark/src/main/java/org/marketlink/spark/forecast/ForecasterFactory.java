package org.marketlink.spark.forecast;

import org.marketlink.forecast.Forecaster;

import java.io.Serializable;

/**
 * Makes the forecaster each executor uses, for example {@code AutoForecaster::create}. A factory is shipped rather
 * than a forecaster so that models with caches or native resources are built where they run; what it captures
 * must be serializable ({@link SparkForecasting} says so, naming the factory, before any job). Called once per series,
 * from several executor threads at once: it must be thread-safe, as a method reference to a static factory is.
 */
@FunctionalInterface
public interface ForecasterFactory extends Serializable {
    /** A new forecaster for one series, ready to fit. */
    Forecaster create();
}

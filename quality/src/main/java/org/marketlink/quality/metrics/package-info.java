/**
 * Small, mergeable metric states that rules compute in one pass.
 *
 * <p>The states are serializable so that a suite's partial results travel between Spark executors and the driver.
 * That form is private to one MarketLink version: it is not a stored format and is left out of the serialized-form
 * documentation.
 *
 * @serial exclude
 */
package org.marketlink.quality.metrics;

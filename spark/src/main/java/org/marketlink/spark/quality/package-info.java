/**
 * Quality suites over Spark Datasets: merged per-partition metric states, row-level outcomes, a valid/quarantine
 * split.
 */
package org.marketlink.spark.quality;

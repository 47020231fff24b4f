/** MarketLink stage chains run per Spark partition, with run counts gathered through accumulators. */
package org.marketlink.spark.pipeline;

/** Spark structs and rows to and from MarketLink schemas and rows, with errors that name the column. */
package org.marketlink.spark.data;

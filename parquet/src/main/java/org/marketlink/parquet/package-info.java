/**
 * Parquet files as pipeline sources and sinks outside Spark, for rows of a schema ({@link
 * org.marketlink.parquet.ParquetSource}, {@link org.marketlink.parquet.ParquetSink}) and for domain records ({@link
 * org.marketlink.parquet.ParquetRecords}). Built on parquet-java; Hadoop's shaded client jars come with this module
 * only (parquet-java's writer still names Hadoop's {@code Configuration}), never with another MarketLink module.
 */
package org.marketlink.parquet;

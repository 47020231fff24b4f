/**
 * MarketLink on Apache Spark, for hosts that outgrow one machine: the suites, stage chains, forecasters and match
 * retrievers built for one machine run on {@code Dataset<Row>}s, and give the results they give there.
 *
 * <ul>
 *   <li>{@link org.marketlink.spark.data}: Spark structs and rows to and from MarketLink schemas and rows;</li>
 *   <li>{@link org.marketlink.spark.quality}: quality suites (merged per-partition states, row outcomes, split);</li>
 *   <li>{@link org.marketlink.spark.pipeline}: stage chains per partition with counts and quarantine;</li>
 *   <li>{@link org.marketlink.spark.forecast}: one forecast per series of a grouped Dataset;</li>
 *   <li>{@link org.marketlink.spark.matching}: top-k buyers per group, buyers broadcast.</li>
 * </ul>
 *
 * <p>Spark is a provided dependency: the host's cluster supplies {@code spark-sql_2.13} (built and tested with
 * 4.2.0 on Java 17, which needs Spark's {@code --add-opens} flags; cluster launchers pass them).
 */
package org.marketlink.spark;

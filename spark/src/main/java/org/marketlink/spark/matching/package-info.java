/** Top-k buyers for every self-help group, with buyers broadcast and groups partitioned. */
package org.marketlink.spark.matching;

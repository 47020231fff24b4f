/**
 * The rule kinds: completeness, ranges, sets, patterns, parse-ability, uniqueness, row counts, statistics,
 * freshness, distinct counts and quantiles, drift, references and custom aggregates.
 */
package org.marketlink.quality.rules;

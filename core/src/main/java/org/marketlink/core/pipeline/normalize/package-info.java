/**
 * Normalisation of messy source values: pack sizes to base units, percentages, names and decimals, as row stages
 * that quarantine what they cannot read.
 */
package org.marketlink.core.pipeline.normalize;

/**
 * Data quality: a {@link org.marketlink.quality.Suite} of rules compiled once per schema and run in one pass over
 * rows, with mergeable metric states, row-level violations for a pipeline's validate stage, outcomes that name the
 * offending values, and suite files in YAML or JSON.
 */
package org.marketlink.quality;

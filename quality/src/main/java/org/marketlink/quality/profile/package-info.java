/**
 * Profiling of a dataset and suggested suites, validated against the data they were drawn from.
 */
package org.marketlink.quality.profile;

/**
 * Small, mergeable metric states that rules compute in one pass.
 */
package org.marketlink.quality.metrics;

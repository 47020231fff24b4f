/**
 * Pair scorers: the weighted scorer with hard filters and per-feature explanations, reciprocal scores, and the
 * Shapley values other scorers explain themselves with. The learned scorer is in the {@code marketlink-ml} module.
 */
package org.marketlink.matching.scoring;

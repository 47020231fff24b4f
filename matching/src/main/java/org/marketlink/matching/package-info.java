/**
 * Match scoring between producer groups (SHGs) and buyers.
 *
 * <ul>
 *   <li>{@code features}: the pair features of an SHG (with its products) and a buyer, each defined for missing data;</li>
 *   <li>{@code scoring}: weighted and learned scorers with per-feature explanations, reciprocal scores and
 *       capacity-aware assignment;</li>
 *   <li>{@code retrieval}: exact top-k over columns of primitives;</li>
 *   <li>{@code lifecycle}: creating matches, moving them through their states, and outcomes as training data;</li>
 *   <li>{@code similarity}: product feature vectors and exact nearest neighbours;</li>
 *   <li>{@code evaluation}: ranking metrics and negative sampling.</li>
 * </ul>
 */
package org.marketlink.matching;

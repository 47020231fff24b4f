/**
 * Ranking metrics (NDCG, MAP and recall at k, AUC) and seeded negative sampling for training and evaluating
 * match scorers.
 */
package org.marketlink.matching.evaluation;

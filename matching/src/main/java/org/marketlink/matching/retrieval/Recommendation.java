package org.marketlink.matching.retrieval;

import java.util.UUID;

/**
 * One recommended pair.
 *
 * @param shgId   the producer group
 * @param buyerId the buyer
 * @param score   the pair's score, 0..1
 * @param rank    1 for the best of its list
 */
public record Recommendation(UUID shgId, UUID buyerId, double score, int rank) {
}

package org.marketlink.store.matching;

import java.util.UUID;

/**
 * A finished (or long unanswered) match as a training row for a learned scorer.
 *
 * @param matchId  the match
 * @param shgId    its group
 * @param buyerId  its buyer
 * @param features the pair's features now, in {@link org.marketlink.matching.features.PairFeature} order
 * @param label    1 for accepted, connected or completed; 0 for declined or never answered
 */
public record TrainingExample(UUID matchId, UUID shgId, UUID buyerId, double[] features, int label) {
}

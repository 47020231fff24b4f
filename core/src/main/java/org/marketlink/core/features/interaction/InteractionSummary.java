package org.marketlink.core.features.interaction;

import java.time.Instant;
import java.util.Optional;

/**
 * Counts for one user or one item.
 *
 * @param interactions         how many interactions
 * @param distinctCounterparts how many different items (for a user) or users (for an item)
 * @param ratings              how many of them carried a rating
 * @param averageRating        mean rating, NaN when none was rated
 * @param last                 the latest interaction's time, empty when there were none
 */
public record InteractionSummary(long interactions, int distinctCounterparts, long ratings, double averageRating,
                                 Optional<Instant> last) {
    static final InteractionSummary NONE = new InteractionSummary(0, 0, 0, Double.NaN, Optional.empty());
}

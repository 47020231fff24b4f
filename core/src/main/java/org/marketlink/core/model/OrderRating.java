package org.marketlink.core.model;

import org.marketlink.core.Checks;

import java.time.Instant;
import java.util.UUID;

/**
 * A buyer's rating of an order after delivery: the structured part of the feedback, beside the free text on
 * {@link Order#feedback()}. Natural key: {@code orderId} (a later rating of the same order replaces it). It holds no
 * personal data; it is linked to the buyer through the order, and erased with it.
 *
 * @param orderId the rated order
 * @param stars   1 (poor) to 5 (excellent)
 * @param ratedAt when it was given
 */
public record OrderRating(UUID orderId, int stars, Instant ratedAt) {
    /** The lowest rating. */
    public static final int MIN_STARS = 1;
    /** The highest rating. */
    public static final int MAX_STARS = 5;

    /** The canonical constructor: checks the components as described above. */
    public OrderRating {
        Checks.notNull("orderId", orderId);
        if (stars < MIN_STARS || stars > MAX_STARS) {
            throw new IllegalArgumentException("stars must be between " + MIN_STARS + " and " + MAX_STARS + ", was "
                    + stars + " for order " + orderId);
        }
        ratedAt = Checks.instant("ratedAt", ratedAt);
    }
}

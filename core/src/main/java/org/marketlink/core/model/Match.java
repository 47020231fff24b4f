package org.marketlink.core.model;

import org.marketlink.core.Checks;
import org.marketlink.core.data.Personal;
import org.marketlink.core.privacy.Masking;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A recommended connection between a producer group and a buyer. Natural key: {@code (shgId, buyerId)}.
 *
 * @param id              host-assigned identifier
 * @param shgId           the producer group
 * @param buyerId         the buyer
 * @param productId       the product the match is about, when it is about one
 * @param score           0..1
 * @param status          where the match is in its life; see {@link MatchStatus}
 * @param initialMessage  the message that opened the match, may be empty
 * @param lastInteraction when either side last acted on it
 * @param metadata        free string attributes (for example the scorer version)
 * @param createdAt       creation time
 */
public record Match(UUID id, UUID shgId, UUID buyerId, Optional<UUID> productId, double score, MatchStatus status,
                    @Personal String initialMessage, Instant lastInteraction, Map<String, String> metadata,
                    Instant createdAt) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public Match {
        Checks.notNull("id", id);
        Checks.notNull("shgId", shgId);
        Checks.notNull("buyerId", buyerId);
        productId = productId == null ? Optional.empty() : productId;
        Checks.between("score", score, 0, 1);
        Checks.notNull("status", status);
        initialMessage = Checks.orEmpty(initialMessage);
        lastInteraction = Checks.instant("lastInteraction", lastInteraction);
        metadata = Checks.stringMap("metadata", metadata);
        createdAt = Checks.instant("createdAt", createdAt);
    }

    /** A new pending match. */
    public static Match pending(UUID id, UUID shgId, UUID buyerId, UUID productId, double score, String message,
                                Instant at) {
        return new Match(id, shgId, buyerId, Optional.ofNullable(productId), score, MatchStatus.PENDING, message, at,
                Map.of(), at);
    }

    /**
     * This match moved to {@code target} at time {@code at}.
     *
     * @throws IllegalTransitionException when the life cycle does not allow the move
     */
    public Match moveTo(MatchStatus target, Instant at) {
        Checks.notNull("target", target);
        Checks.notNull("at", at);
        if (!status.canMoveTo(target)) {
            throw new IllegalTransitionException(status, target);
        }
        return new Match(id, shgId, buyerId, productId, score, target, initialMessage, at, metadata, createdAt);
    }

    /** The record with its {@link Personal} components shown as {@code ***}: safe to log. */
    @Override
    public String toString() {
        return Masking.render(this);
    }
}

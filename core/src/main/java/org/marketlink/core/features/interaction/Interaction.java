package org.marketlink.core.features.interaction;

import java.time.Instant;

/**
 * One interaction of a user (a buyer, a customer) with an item (a product, a group): a view, an order, a rating.
 *
 * @param user   who
 * @param item   with what
 * @param at     when
 * @param rating the rating given, or NaN when the interaction carries none
 */
public record Interaction(String user, String item, Instant at, double rating) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public Interaction {
        // the messages name the component, never a value: a user id may be personal data
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("interaction: user is missing or blank");
        }
        if (item == null || item.isBlank()) {
            throw new IllegalArgumentException("interaction: item is missing or blank");
        }
        if (at == null) {
            throw new IllegalArgumentException("interaction: at is missing");
        }
        if (Double.isInfinite(rating)) {
            throw new IllegalArgumentException("interaction: rating " + rating + " is not finite (NaN for none)");
        }
    }

    /** An interaction of {@code user} with {@code item} at {@code at}. */
    public static Interaction of(String user, String item, Instant at) {
        return new Interaction(user, item, at, Double.NaN);
    }
}

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
        if (user == null || user.isBlank() || item == null || item.isBlank() || at == null) {
            throw new IllegalArgumentException("an interaction needs a user, an item and a time, had '" + user
                    + "', '" + item + "', " + at);
        }
        if (Double.isInfinite(rating)) {
            throw new IllegalArgumentException("rating of " + user + " for " + item + " must be finite or NaN");
        }
    }

    /** An interaction of {@code user} with {@code item} at {@code at}. */
    public static Interaction of(String user, String item, Instant at) {
        return new Interaction(user, item, at, Double.NaN);
    }
}

package org.marketlink.matching.features;

import java.util.Locale;

/**
 * The features of a (producer group, buyer) pair. Every feature is a number in {@code 0..1}, higher meaning a better
 * match, and every feature has a value when data are missing (the value is stated below and tested). The order of the
 * constants is the order of the values in a feature vector.
 */
public enum PairFeature {
    /**
     * Share of the group's products whose category the buyer prefers (weighted by product count). A group with no
     * products falls back to its own main category: 1 when the buyer prefers it, else 0. A buyer with no preferences
     * gives 0.
     */
    CATEGORY_ALIGNMENT,
    /**
     * {@code max(0, 1 - km / distanceScaleKm)} for the haversine distance between the two locations. 0.5 when either
     * location has no coordinates (unknown is neither near nor far).
     */
    PROXIMITY,
    /**
     * {@code 1 - min(1, costPerUnit / averagePrice)} where the cost model prices moving one unit of the buyer's usual
     * order over the distance. 0.5 when the distance is unknown or the group has no priced products.
     */
    LOGISTICS,
    /**
     * Among past matches of groups in the same category with buyers of the same type, the share that reached
     * {@code COMPLETED}, smoothed towards the overall completion rate (a Beta prior of strength {@code m}), so a
     * cell with no history gets the overall rate and a history with no outcomes at all gets 0.5.
     */
    COLLABORATIVE_SUCCESS,
    /**
     * How well the group's monthly capacity covers the buyer's order volume range {@code [min, max]}: 1 when it covers
     * {@code max}; between {@code min} and {@code max} it rises linearly from 0.5 to 1; below {@code min} it is
     * {@code 0.5 * capacity / min}. With {@code min == max} it is 1 at or above that volume, else
     * {@code 0.5 * capacity / min}; a buyer whose range is {@code [0, 0]} gives 1.
     */
    VOLUME_COMPATIBILITY,
    /**
     * The mean of two shares: the buyer's required certifications that the group holds (on itself or on any of its
     * products), and the buyer's minimum quality measures that the group's measures meet. A share with nothing
     * required is 1; a measure the group does not report is not met.
     */
    QUALITY_FIT,
    /**
     * Overlap of the group's price range (lowest to highest unit price of its products) with the buyer's budget range,
     * as a fraction of the narrower of the two; when the narrower range is a single price it is 1 if that price lies in
     * the other range, else 0. 0.5 when the group has no products.
     */
    PRICE_OVERLAP;

    private static final PairFeature[] ALL = values();

    /** The number of features, the length of a feature vector. */
    public static int count() {
        return ALL.length;
    }

    /** The feature at a position of the feature vector. */
    public static PairFeature at(int index) {
        return ALL[index];
    }

    /** Lower-case name, as used in explanations and saved models (for example {@code category_alignment}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}

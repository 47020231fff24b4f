package org.marketlink.core.features.product;

/**
 * A computed feature, or the reason it could not be computed: never a silent 0.
 *
 * @param value  the value; NaN when missing
 * @param reason why it is missing (for example {@code "fewer than 3 past prices"}); empty when present
 */
public record FeatureValue(double value, String reason) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public FeatureValue {
        reason = reason == null ? "" : reason;
        if (Double.isNaN(value) == reason.isEmpty()) {
            throw new IllegalArgumentException("a feature value has a number or a reason, not both or neither: "
                    + value + ", '" + reason + "'");
        }
    }

    /** A present value. */
    public static FeatureValue of(double value) {
        return Double.isFinite(value) ? new FeatureValue(value, "") : missing("not a finite number: " + value);
    }

    /** A value that could not be computed, and why. */
    public static FeatureValue missing(String reason) {
        return new FeatureValue(Double.NaN, reason);
    }

    /** Whether the value was computed. */
    public boolean isPresent() {
        return reason.isEmpty();
    }
}

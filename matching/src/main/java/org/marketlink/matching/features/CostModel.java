package org.marketlink.matching.features;

/**
 * Prices the transport of goods from a producer group to a buyer. Implementations must be pure functions (thread-safe,
 * no side effects): retrieval calls them for every scored pair.
 */
@FunctionalInterface
public interface CostModel {
    /**
     * Cost of moving one unit when an order of {@code units} units travels {@code distanceKm}.
     *
     * @param distanceKm great-circle distance, ≥ 0
     * @param units      units in the order, ≥ 1
     */
    double costPerUnit(double distanceKm, double units);

    /**
     * A linear model: a trip costs {@code perKm * km} shared by the units of the order, and handling costs
     * {@code perUnit} for each unit.
     *
     * @throws IllegalArgumentException when a rate is negative or not finite
     */
    static CostModel linear(double perKm, double perUnit) {
        if (!(perKm >= 0) || !(perUnit >= 0) || !Double.isFinite(perKm) || !Double.isFinite(perUnit)) {
            throw new IllegalArgumentException("cost rates must be finite and not negative, were perKm=" + perKm
                    + ", perUnit=" + perUnit);
        }
        return new Linear(perKm, perUnit);
    }

    /** The model of {@link #linear(double, double)}. */
    record Linear(double perKm, double perUnit) implements CostModel {
        @Override
        public double costPerUnit(double distanceKm, double units) {
            return perKm * distanceKm / units + perUnit;
        }
    }
}

package org.marketlink.forecast;

/**
 * A prediction interval for every step of a horizon.
 *
 * @param level nominal coverage in percent, for example 80 or 95
 * @param lower lower bound per step
 * @param upper upper bound per step
 */
public record Interval(double level, double[] lower, double[] upper) {
    /** Checks that the level is in (0, 100) and copies the bounds. */
    public Interval {
        if (!(level > 0 && level < 100)) {
            throw new IllegalArgumentException("level must be in (0, 100), was " + level);
        }
        lower = lower.clone();
        upper = upper.clone();
    }

    /** A copy of the lower bounds, one per step. */
    @Override
    public double[] lower() {
        return lower.clone();
    }

    /** A copy of the upper bounds, one per step. */
    @Override
    public double[] upper() {
        return upper.clone();
    }
}

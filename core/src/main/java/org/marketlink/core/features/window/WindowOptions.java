package org.marketlink.core.features.window;

import java.time.Duration;

/**
 * What {@link TimeWindowFeatures} computes.
 *
 * @param range       the window: for an event at time {@code t}, every event of the same key at {@code t - range}
 *                    through {@code t}, both ends included (Spark's {@code rangeBetween(-range, 0)}); &gt; 0
 * @param lags        how many previous values to return (lag 1 is the previous event of the key), 0..64
 * @param ewmHalfLife half-life of the exponentially weighted mean, in time rather than events: an event
 *                    {@code ewmHalfLife} older weighs half as much; &gt; 0
 */
public record WindowOptions(Duration range, int lags, Duration ewmHalfLife) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public WindowOptions {
        if (range == null || range.isNegative() || range.isZero()) {
            throw new IllegalArgumentException("range must be a positive duration, was " + range);
        }
        if (lags < 0 || lags > 64) {
            throw new IllegalArgumentException("lags must be between 0 and 64, was " + lags);
        }
        if (ewmHalfLife == null || ewmHalfLife.isNegative() || ewmHalfLife.isZero()) {
            throw new IllegalArgumentException("ewmHalfLife must be a positive duration, was " + ewmHalfLife);
        }
    }

    /** A window of {@code range}, one lag, and an EWM half-life of half the range. */
    public static WindowOptions of(Duration range) {
        return new WindowOptions(range, 1, range.dividedBy(2).isZero() ? range : range.dividedBy(2));
    }

    /** These options with {@code n} lags. */
    public WindowOptions withLags(int n) {
        return new WindowOptions(range, n, ewmHalfLife);
    }

    /** These options with an exponentially weighted mean of this half-life. */
    public WindowOptions withEwmHalfLife(Duration halfLife) {
        return new WindowOptions(range, lags, halfLife);
    }
}

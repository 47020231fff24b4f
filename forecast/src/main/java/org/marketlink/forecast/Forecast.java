package org.marketlink.forecast;

import java.util.List;
import java.util.Optional;

/**
 * A point forecast for each step of a horizon, intervals at the requested levels, the model that made it and,
 * when the requested model could not be used on this series, why and what was used instead.
 *
 * @param model    the model used, with its fitted parameters (for example {@code SES(alpha=0.312)})
 * @param mean     point forecast per step
 * @param intervals one per requested level, in the order requested
 * @param fallback the reason a simpler model was used, if one was
 */
public record Forecast(String model, double[] mean, List<Interval> intervals, Optional<String> fallback) {
    /** Copies the arrays and lists; a {@code null} fallback means none. */
    public Forecast {
        mean = mean.clone();
        intervals = List.copyOf(intervals);
        fallback = fallback == null ? Optional.empty() : fallback;
    }

    /** A copy of the point forecasts, one per step. */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** The number of steps forecast. */
    public int horizon() {
        return mean.length;
    }

    /** The interval at {@code level}. */
    public Optional<Interval> interval(double level) {
        return intervals.stream().filter(i -> i.level() == level).findFirst();
    }
}

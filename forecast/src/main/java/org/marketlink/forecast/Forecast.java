package org.marketlink.forecast;

import java.util.ArrayList;
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

    /**
     * This forecast with {@code offset[step]} added to its mean and to both bounds of every interval at each step,
     * named {@code model}: for a model that forecasts one part of a series (the seasonally adjusted part, the
     * residuals of a regression) and adds the rest back.
     *
     * @throws IllegalArgumentException when {@code offset} does not have one value per step
     */
    public Forecast shiftedBy(double[] offset, String model) {
        if (offset.length != mean.length) {
            throw new IllegalArgumentException("offset has " + offset.length + " steps, the forecast " + mean.length);
        }
        List<Interval> shifted = new ArrayList<>(intervals.size());
        for (Interval i : intervals) {
            shifted.add(new Interval(i.level(), plus(i.lower(), offset), plus(i.upper(), offset)));
        }
        return new Forecast(model, plus(mean, offset), shifted, fallback);
    }

    private static double[] plus(double[] a, double[] b) {
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += b[i];
        }
        return out;
    }
}

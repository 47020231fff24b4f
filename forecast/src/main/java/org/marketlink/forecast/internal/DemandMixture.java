package org.marketlink.forecast.internal;

import org.marketlink.core.Checks;
import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Interval;
import org.marketlink.forecast.Intervals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A flat point forecast whose bounds are the quantiles of one period's demand as an intermittent-demand method models
 * it: no demand with probability 1 − p, else one of the series' observed demand sizes, each equally likely.
 */
public final class DemandMixture implements FittedModel {
    private final String label;
    private final Optional<String> note;
    private final double point;
    private final double probability;
    private final double[] sizes;

    /**
     * @param probability the probability of demand in a period, in (0, 1]
     * @param sizes       the observed non-zero demand sizes, sorted ascending, at least one
     */
    public DemandMixture(String label, Optional<String> note, double point, double probability, double[] sizes) {
        this.label = label;
        this.note = note;
        this.point = point;
        this.probability = probability;
        this.sizes = sizes;
    }

    /** The non-zero values of {@code y}, sorted ascending. */
    public static double[] sizes(double[] y) {
        return Arrays.stream(y).filter(v -> v > 0).sorted().toArray();
    }

    @Override
    public Forecast forecast(int horizon, double... levels) {
        Checks.atLeast("horizon", horizon, 1);
        double[] mean = new double[horizon];
        Arrays.fill(mean, point);
        List<Interval> intervals = new ArrayList<>(levels.length);
        for (double level : levels) {
            Intervals.z(level); // refuses a level outside (0, 100), naming it
            double[] lo = new double[horizon];
            double[] hi = new double[horizon];
            Arrays.fill(lo, quantile(0.5 - level / 200));
            Arrays.fill(hi, quantile(0.5 + level / 200));
            intervals.add(new Interval(level, lo, hi));
        }
        return new Forecast(label + " [empirical demand intervals]", mean, intervals, note);
    }

    /** The inverse of the mixture's distribution function: the smallest demand d with P(D ≤ d) ≥ q. */
    double quantile(double q) {
        double none = 1 - probability;
        if (q <= none) {
            return 0;
        }
        double u = (q - none) / probability;
        // the small tolerance keeps a rank that is whole in exact arithmetic from rounding up
        int rank = (int) Math.ceil(u * sizes.length - 1e-9);
        return sizes[Math.max(1, Math.min(sizes.length, rank)) - 1];
    }
}

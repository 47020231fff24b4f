package org.marketlink.forecast;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Normal prediction intervals around a point forecast, for the models of this module and of others (the global
 * gradient-boosting forecaster). Stateless and thread-safe; a level outside (0, 100) is refused naming it.
 */
public final class Intervals {
    private static final NormalDistribution STANDARD = new NormalDistribution(0, 1);

    private Intervals() {
    }

    /** The two-sided normal quantile for a coverage level in percent. */
    public static double z(double level) {
        if (!(level > 0 && level < 100)) {
            throw new IllegalArgumentException("interval level must be in (0, 100), was " + level);
        }
        return STANDARD.inverseCumulativeProbability(0.5 + level / 200);
    }

    /**
     * Intervals {@code mean[h] ± z·se(h)} for each level; {@code se} gives the forecast standard error of step h
     * (1-based). When {@code floorAtZero}, bounds below 0 are raised to 0 (demand cannot be negative).
     */
    public static List<Interval> normal(double[] mean, IntToDoubleFunction se, double[] levels, boolean floorAtZero) {
        List<Interval> out = new ArrayList<>(levels.length);
        for (double level : levels) {
            double z = z(level);
            double[] lo = new double[mean.length];
            double[] hi = new double[mean.length];
            for (int h = 1; h <= mean.length; h++) {
                double s = se.applyAsDouble(h);
                lo[h - 1] = mean[h - 1] - z * s;
                hi[h - 1] = mean[h - 1] + z * s;
                if (floorAtZero && lo[h - 1] < 0) {
                    lo[h - 1] = 0;
                }
            }
            out.add(new Interval(level, lo, hi));
        }
        return out;
    }
}

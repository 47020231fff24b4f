package org.marketlink.forecast.evaluation;

import org.marketlink.core.Checks;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.Interval;

/**
 * How well a method's prediction intervals hold on a competition set: coverage (the share of actual values inside
 * the interval) and MSIS (the M4 competition's mean scaled interval score: width plus 2/α times each miss, scaled
 * like MASE; lower is better), over the whole set and per step ahead, at each level. Series whose MSIS scale is
 * undefined (a constant training part) count for coverage only. Immutable (arrays are copied in and out) and
 * thread-safe; {@link #of} refuses an empty list of levels and {@link #coverageAt} a level that was not evaluated.
 *
 * @param set           the set's name
 * @param method        the method's name
 * @param levels        the levels, in percent
 * @param coverage      per level: the share of all (series, step) values inside the interval, in percent
 * @param msis          per level: MSIS averaged over series
 * @param coverageByStep per level, per step ahead (index 0 is one step): coverage in percent
 */
public record IntervalEvaluation(String set, String method, double[] levels, double[] coverage, double[] msis,
                                 double[][] coverageByStep) {

    /** Copies the arrays. */
    public IntervalEvaluation {
        levels = levels.clone();
        coverage = coverage.clone();
        msis = msis.clone();
        double[][] copy = new double[coverageByStep.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = coverageByStep[i].clone();
        }
        coverageByStep = copy;
    }

    /**
     * Fits {@code method} to every series' training part and scores its intervals at {@code levels} on the test
     * part, on the calling thread.
     */
    public static IntervalEvaluation of(Forecaster method, CompetitionSet set, double... levels) {
        Checks.notNull("method", method);
        Checks.notNull("set", set);
        if (levels.length == 0) {
            throw new IllegalArgumentException("at least one interval level is needed");
        }
        int maxH = set.series().stream().mapToInt(CompetitionSet.Series::horizon).max().orElse(0);
        long[][] inByStep = new long[levels.length][maxH];
        long[] countByStep = new long[maxH];
        long points = 0;
        double[] msisSum = new double[levels.length];
        int[] msisCount = new int[levels.length];
        long[] inTotal = new long[levels.length];
        for (CompetitionSet.Series s : set.series()) {
            Forecast f = method.fit(s.train(), s.seasonalPeriod()).forecast(s.horizon(), levels);
            double[] test = s.test();
            for (int k = 0; k < test.length; k++) {
                countByStep[k]++;
            }
            points += test.length;
            for (int l = 0; l < levels.length; l++) {
                Interval i = f.interval(levels[l]).orElseThrow();
                double[] lo = i.lower();
                double[] hi = i.upper();
                for (int k = 0; k < test.length; k++) {
                    if (test[k] >= lo[k] && test[k] <= hi[k]) {
                        inByStep[l][k]++;
                        inTotal[l]++;
                    }
                }
                double m = Metrics.msis(s.train(), test, lo, hi, s.seasonalPeriod(), 1 - levels[l] / 100);
                if (Double.isFinite(m)) {
                    msisSum[l] += m;
                    msisCount[l]++;
                }
            }
        }
        double[] coverage = new double[levels.length];
        double[] msis = new double[levels.length];
        double[][] byStep = new double[levels.length][maxH];
        for (int l = 0; l < levels.length; l++) {
            coverage[l] = points == 0 ? Double.NaN : 100.0 * inTotal[l] / points;
            msis[l] = msisCount[l] == 0 ? Double.NaN : msisSum[l] / msisCount[l];
            for (int k = 0; k < maxH; k++) {
                byStep[l][k] = countByStep[k] == 0 ? Double.NaN : 100.0 * inByStep[l][k] / countByStep[k];
            }
        }
        return new IntervalEvaluation(set.name(), method.name(), levels, coverage, msis, byStep);
    }

    /** Coverage in percent at {@code level}. */
    public double coverageAt(double level) {
        return coverage[indexOf(level)];
    }

    /** MSIS at {@code level}. */
    public double msisAt(double level) {
        return msis[indexOf(level)];
    }

    /** Coverage in percent at {@code level}, per step ahead. */
    public double[] coverageByStep(double level) {
        return coverageByStep[indexOf(level)].clone();
    }

    @Override
    public double[] levels() {
        return levels.clone();
    }

    @Override
    public double[] coverage() {
        return coverage.clone();
    }

    @Override
    public double[] msis() {
        return msis.clone();
    }

    @Override
    public double[][] coverageByStep() {
        double[][] copy = new double[coverageByStep.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = coverageByStep[i].clone();
        }
        return copy;
    }

    private int indexOf(double level) {
        for (int i = 0; i < levels.length; i++) {
            if (levels[i] == level) {
                return i;
            }
        }
        throw new IllegalArgumentException("no " + level + "% level was evaluated");
    }
}

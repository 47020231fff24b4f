package org.marketlink.forecast.evaluation;

import org.marketlink.forecast.Forecaster;

/**
 * A method's accuracy over a competition set: sMAPE and MASE averaged over series, as in M4, and the time taken.
 *
 * @param method     the method
 * @param set        the set
 * @param smape      mean sMAPE
 * @param mase       mean MASE
 * @param seriesCount series scored
 * @param seconds    wall time of fitting and forecasting
 */
public record SetScore(String method, String set, double smape, double mase, int seriesCount, double seconds) {

    /** Fits and forecasts every series of {@code set} with {@code method} on the calling thread. */
    public static SetScore of(Forecaster method, CompetitionSet set) {
        long t0 = System.nanoTime();
        double smape = 0;
        double mase = 0;
        for (CompetitionSet.Series s : set.series()) {
            double[] f = method.fit(s.train(), s.seasonalPeriod()).forecast(s.horizon()).mean();
            smape += Metrics.smape(s.test(), f);
            mase += Metrics.mase(s.train(), s.test(), f, s.seasonalPeriod());
        }
        int n = set.series().size();
        return new SetScore(method.name(), set.name(), smape / n, mase / n, n, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The overall weighted average (OWA) of this score relative to Naive2's on the same set: 1 is as good as Naive2,
     * below 1 better.
     */
    public double owa(SetScore naive2) {
        return Metrics.owa(smape, mase, naive2.smape, naive2.mase);
    }

    /** Series scored per second of wall time. */
    public double seriesPerSecond() {
        return seriesCount / seconds;
    }
}

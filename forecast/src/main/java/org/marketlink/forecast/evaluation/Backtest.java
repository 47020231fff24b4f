package org.marketlink.forecast.evaluation;

import org.marketlink.core.Checks;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.Interval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rolling-origin evaluation: the method is fitted on the first {@code n − k·step − horizon} values and scored on the
 * next {@code horizon}, for each of {@code origins} origins moving forward by {@code step}, the last origin ending
 * at the end of the series. Thread-safe (stateless).
 */
public final class Backtest {
    private Backtest() {
    }

    /**
     * One origin's result.
     *
     * @param trainLength values the method was fitted on
     * @param smape       sMAPE over the horizon
     * @param mase        MASE over the horizon (NaN when the training series is constant)
     * @param coverage95  share of actual values inside the 95% interval
     * @param model       the model the method used at this origin
     */
    public record Origin(int trainLength, double smape, double mase, double coverage95, String model) {
    }

    /**
     * The summary over all origins.
     *
     * @param origins    each origin, oldest first
     * @param smape      mean sMAPE
     * @param mase       mean MASE over origins where it is defined
     * @param coverage95 mean 95% coverage
     */
    public record Result(List<Origin> origins, double smape, double mase, double coverage95) {
    }

    /**
     * One origin's forecast beside what happened: the raw material of a backtest, for metrics of the caller's own
     * and for interval calibration.
     *
     * @param trainLength values the method was fitted on (the origin)
     * @param actual      the {@code horizon} values that followed
     * @param forecast    the method's forecast from that origin, with the requested intervals
     */
    public record Fold(int trainLength, double[] actual, Forecast forecast) {
        /** Copies the actual values. */
        public Fold {
            actual = actual.clone();
        }

        /** A copy of the values that followed the origin. */
        @Override
        public double[] actual() {
            return actual.clone();
        }
    }

    /**
     * How many of {@code wanted} origins, {@code step} values apart with the last one {@code horizon} values before
     * the end, fit a series of {@code length} values while the earliest keeps {@code max(6, 2·seasonalPeriod + 2)}
     * values to fit on (0 when not even one does). Shorter training parts make the models fall back to simpler ones,
     * whose misses say little about the fit on the whole series; this is the rule interval calibration and backtest
     * selection share.
     */
    public static int originsThatFit(int length, int seasonalPeriod, int horizon, int step, int wanted) {
        int shortest = Math.max(6, 2 * seasonalPeriod + 2);
        int origins = 0;
        while (origins < wanted && length - horizon - origins * step >= shortest) {
            origins++;
        }
        return origins;
    }

    /**
     * Fits {@code method} at {@code origins} origins {@code step} values apart, the last one {@code horizon} values
     * before the end of {@code series}, and returns each origin's forecast (with intervals at {@code levels}) beside
     * the values that followed, oldest origin first.
     *
     * @throws IllegalArgumentException naming the numbers when the series is too short for the first origin to
     *                                  keep two values
     */
    public static List<Fold> folds(Forecaster method, double[] series, int seasonalPeriod, int horizon, int origins,
                                   int step, double... levels) {
        Checks.notNull("method", method);
        Checks.notNull("series", series);
        Checks.atLeast("horizon", horizon, 1);
        Checks.atLeast("origins", origins, 1);
        Checks.atLeast("step", step, 1);
        int firstTrain = series.length - horizon - (origins - 1) * step;
        if (firstTrain < 2) {
            throw new IllegalArgumentException("series of " + series.length + " values is too short for " + origins
                    + " origins of horizon " + horizon + " every " + step + " steps");
        }
        List<Fold> out = new ArrayList<>(origins);
        for (int k = 0; k < origins; k++) {
            int n = firstTrain + k * step;
            Forecast f = method.fit(Arrays.copyOf(series, n), seasonalPeriod).forecast(horizon, levels);
            out.add(new Fold(n, Arrays.copyOfRange(series, n, n + horizon), f));
        }
        return List.copyOf(out);
    }

    /**
     * Scores {@code method} at {@code origins} origins {@code step} values apart, each forecasting {@code horizon}
     * values; MASE uses {@code seasonalPeriod}. Built on {@link #folds}.
     */
    public static Result rollingOrigin(Forecaster method, double[] series, int seasonalPeriod, int horizon,
                                       int origins, int step) {
        List<Origin> out = new ArrayList<>();
        double smape = 0;
        double mase = 0;
        int maseCount = 0;
        double coverage = 0;
        for (Fold fold : folds(method, series, seasonalPeriod, horizon, origins, step, 95)) {
            double[] train = Arrays.copyOf(series, fold.trainLength());
            double[] test = fold.actual;
            Forecast f = fold.forecast();
            Interval i = f.interval(95).orElseThrow();
            double s = Metrics.smape(test, f.mean());
            double m = Metrics.mase(train, test, f.mean(), seasonalPeriod);
            double c = Metrics.coverage(test, i.lower(), i.upper());
            out.add(new Origin(fold.trainLength(), s, m, c, f.model()));
            smape += s;
            coverage += c;
            if (!Double.isNaN(m)) {
                mase += m;
                maseCount++;
            }
        }
        return new Result(List.copyOf(out), smape / origins, maseCount == 0 ? Double.NaN : mase / maseCount,
                coverage / origins);
    }
}

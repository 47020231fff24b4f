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
     * Scores {@code method} at {@code origins} origins {@code step} values apart, each forecasting {@code horizon}
     * values; MASE uses {@code seasonalPeriod}.
     */
    public static Result rollingOrigin(Forecaster method, double[] series, int seasonalPeriod, int horizon,
                                       int origins, int step) {
        Checks.notNull("method", method);
        Checks.atLeast("horizon", horizon, 1);
        Checks.atLeast("origins", origins, 1);
        Checks.atLeast("step", step, 1);
        int firstTrain = series.length - horizon - (origins - 1) * step;
        if (firstTrain < 2) {
            throw new IllegalArgumentException("series of " + series.length + " values is too short for " + origins
                    + " origins of horizon " + horizon + " every " + step + " steps");
        }
        List<Origin> out = new ArrayList<>();
        double smape = 0;
        double mase = 0;
        int maseCount = 0;
        double coverage = 0;
        for (int k = 0; k < origins; k++) {
            int n = firstTrain + k * step;
            double[] train = Arrays.copyOf(series, n);
            double[] test = Arrays.copyOfRange(series, n, n + horizon);
            Forecast f = method.fit(train, seasonalPeriod).forecast(horizon, 95);
            Interval i = f.interval(95).orElseThrow();
            double s = Metrics.smape(test, f.mean());
            double m = Metrics.mase(train, test, f.mean(), seasonalPeriod);
            double c = Metrics.coverage(test, i.lower(), i.upper());
            out.add(new Origin(n, s, m, c, f.model()));
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

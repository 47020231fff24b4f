package org.marketlink.forecast.models;

import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.Interval;
import org.marketlink.forecast.Prepared;
import org.marketlink.forecast.internal.SeasonalAdjustment;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs any method on the M4 seasonally adjusted series (90% autocorrelation test, classical multiplicative
 * decomposition) and multiplies its forecasts and bounds back by the seasonal indices, as the M4 benchmarks do
 * for Holt and damped Holt. Non-seasonal series pass straight through. Immutable and thread-safe.
 */
public final class SeasonallyAdjusted implements Forecaster {
    private final Forecaster inner;

    private SeasonallyAdjusted(Forecaster inner) {
        this.inner = inner;
    }

    /** {@code inner} run on the seasonally adjusted series. */
    public static SeasonallyAdjusted of(Forecaster inner) {
        return new SeasonallyAdjusted(inner);
    }

    @Override
    public String name() {
        return "SeasonallyAdjusted(" + inner.name() + ")";
    }

    @Override
    public FittedModel fit(double[] series, int m) {
        Prepared p = Prepared.of(series);
        if (p.kind() != Prepared.Kind.REGULAR || m <= 1) {
            return inner.fit(series, m);
        }
        SeasonalAdjustment adj = SeasonalAdjustment.of(p.values(), m);
        if (!adj.seasonal()) {
            return inner.fit(series, m);
        }
        FittedModel fitted = inner.fit(adj.adjusted(), 1);
        return (h, levels) -> {
            Forecast f = fitted.forecast(h, levels);
            double[] mean = f.mean();
            adj.reseasonalize(mean);
            List<Interval> intervals = new ArrayList<>();
            for (Interval i : f.intervals()) {
                double[] lo = i.lower();
                double[] hi = i.upper();
                adj.reseasonalize(lo);
                adj.reseasonalize(hi);
                intervals.add(new Interval(i.level(), lo, hi));
            }
            return new Forecast(f.model() + " on seasonally adjusted data (m=" + m + ")", mean, intervals,
                    f.fallback().or(p::note));
        };
    }
}

package org.marketlink.forecast.models;

import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.internal.Prepared;

/**
 * The default forecaster: intermittent and lumpy demand goes to Croston or SBA (see {@link Intermittent});
 * everything else to the mean of AutoETS, AutoARIMA and classic Theta (the M4 "Comb" of R's ets, auto.arima and
 * thetaf), which did best across the M3 and M4 sets in {@code shared/data/forecast} among the combinations tried
 * (see the forecast benchmark). The forecast names every model used.
 * Immutable and thread-safe.
 */
public final class AutoForecaster implements Forecaster {
    private final Forecaster regular;
    private final Intermittent intermittent;

    private AutoForecaster() {
        this.regular = Combination.of(Combination.Method.MEAN, Ets.auto(), Arima.auto(), Theta.create());
        this.intermittent = Intermittent.withRegular(regular);
    }

    public static AutoForecaster create() {
        return new AutoForecaster();
    }

    @Override
    public String name() {
        return "Auto";
    }

    @Override
    public FittedModel fit(double[] series, int seasonalPeriod) {
        Prepared p = Prepared.of(series);
        if (p.kind() == Prepared.Kind.REGULAR) {
            Intermittent.Pattern pattern = Intermittent.classify(p.values());
            if (pattern == Intermittent.Pattern.INTERMITTENT || pattern == Intermittent.Pattern.LUMPY) {
                return intermittent.fit(series, seasonalPeriod);
            }
        }
        return regular.fit(series, seasonalPeriod);
    }
}

package org.marketlink.forecast.models;

import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.ModelSummary;
import org.marketlink.forecast.Prepared;
import org.marketlink.forecast.internal.ArimaFit;
import org.marketlink.forecast.internal.ArimaSearch;
import org.marketlink.forecast.internal.Fallbacks;
import org.marketlink.forecast.internal.SimpleModel;
import org.marketlink.forecast.internal.Summaries;

import java.util.Optional;


/**
 * Seasonal ARIMA with automatic order selection ({@link ArimaSearch}: KPSS and seasonal-strength differencing,
 * stepwise AICc search) or given orders, estimated by conditional sum of squares. Intervals come from the
 * ψ-weights of the integrated model. Seasonal periods up to 52 are searched; longer periods are treated as
 * non-seasonal. Immutable and thread-safe.
 */
public final class Arima implements Forecaster {
    private static final int MAX_SEASONAL_PERIOD = 52;

    /**
     * @param orders {p, d, q, P, D, Q} or null for automatic selection
     * @param constant whether a given model has a mean or drift (ignored for automatic selection)
     * @param nonNegative whether forecasts and bounds below 0 are raised to 0
     */
    public record Options(int[] orders, boolean constant, boolean nonNegative) {
        /** Checks that the orders, when given, are six: {@code p, d, q, P, D, Q}. */
        public Options {
            if (orders != null && orders.length != 6) {
                throw new IllegalArgumentException("orders must be {p, d, q, P, D, Q}");
            }
            orders = orders == null ? null : orders.clone();
        }
    }

    private final Options options;

    private Arima(Options options) {
        this.options = options;
    }

    /** Automatic order selection by AICc, with a constant allowed. */
    public static Arima auto() {
        return new Arima(new Options(null, true, false));
    }

    /** A non-seasonal ARIMA(p, d, q), with or without a constant. */
    public static Arima of(int p, int d, int q, boolean constant) {
        return new Arima(new Options(new int[] {p, d, q, 0, 0, 0}, constant, false));
    }

    @Override
    public String name() {
        return options.orders() == null ? "AutoARIMA" : "ARIMA";
    }

    @Override
    public FittedModel fit(double[] series, int m) {
        Prepared p = Prepared.of(series);
        return Fallbacks.forIrregular(p).orElseGet(() -> fitRegular(p, m, series.clone()));
    }

    private FittedModel fitRegular(Prepared p, int m, double[] series) {
        double[] y = p.values();
        int period = m > MAX_SEASONAL_PERIOD ? 1 : m;
        ArimaFit fit;
        if (options.orders() == null) {
            fit = y.length >= 8 ? ArimaSearch.search(y, period) : null;
        } else {
            int[] o = options.orders();
            fit = ArimaFit.fit(y, o[0], o[1], o[2], o[3], o[4], o[5], period, options.constant());
        }
        if (fit == null) {
            return Fallbacks.noModel("ARIMA", y, options.nonNegative());
        }
        return new FittedModel() {
            @Override
            public Forecast forecast(int h, double... levels) {
                if (h < 1) {
                    throw new IllegalArgumentException("horizon must be at least 1, was " + h);
                }
                double[] mean = fit.forecast(h);
                double[] var = fit.variance(h);
                return new SimpleModel(fit.toString(), p.note(), step -> mean[step - 1],
                        step -> Math.sqrt(var[step - 1]), null, options.nonNegative()).forecast(h, levels);
            }

            @Override
            public Optional<ModelSummary> summary() {
                return Optional.of(Summaries.masked(fit.summary(), series));
            }
        };
    }
}

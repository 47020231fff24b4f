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
     * @param exact whether the chosen model's coefficients are refitted by exact maximum likelihood (R's
     *              {@code CSS-ML}: a Kalman filter's likelihood, started from the CSS estimates), or kept from the
     *              conditional sum of squares; the orders are searched by CSS either way
     */
    public record Options(int[] orders, boolean constant, boolean nonNegative, boolean exact) {
        /** Checks that the orders, when given, are six: {@code p, d, q, P, D, Q}. */
        public Options {
            if (orders != null && orders.length != 6) {
                throw new IllegalArgumentException("orders must be {p, d, q, P, D, Q}");
            }
            if (orders != null) {
                for (int i = 0; i < 6; i++) {
                    if (orders[i] < 0) {
                        throw new IllegalArgumentException("order " + "pdqPDQ".charAt(i) + " must be ≥ 0, was "
                                + orders[i]);
                    }
                }
            }
            orders = orders == null ? null : orders.clone();
        }

        /** Options with coefficients by the conditional sum of squares. */
        public Options(int[] orders, boolean constant, boolean nonNegative) {
            this(orders, constant, nonNegative, false);
        }

        /** The same with coefficients by exact maximum likelihood (or not). */
        public Options withExactLikelihood(boolean refit) {
            return new Options(orders, constant, nonNegative, refit);
        }

        /** The orders {p, d, q, P, D, Q}, a copy; null for automatic selection. */
        @Override
        public int[] orders() {
            return orders == null ? null : orders.clone();
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

    /**
     * A seasonal ARIMA(p, d, q)(P, D, Q)[m], with or without a constant; {@code m} is the period {@link #fit} is given,
     * which must then be at least 2 (and at most 52: a longer cycle has too many lags for these orders; use MSTL).
     * {@code of(0, 1, 1, 0, 1, 1, false)} is the airline model.
     */
    public static Arima of(int p, int d, int q, int seasonalP, int seasonalD, int seasonalQ, boolean constant) {
        return new Arima(new Options(new int[] {p, d, q, seasonalP, seasonalD, seasonalQ}, constant, false));
    }

    /** An ARIMA with {@code options}. */
    public static Arima create(Options options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        return new Arima(options);
    }

    @Override
    public String name() {
        return options.orders() == null ? "AutoARIMA" : "ARIMA";
    }

    @Override
    public FittedModel fit(double[] series, int m) {
        int[] o = options.orders();
        if (o != null && o[3] + o[4] + o[5] > 0 && (m < 2 || m > MAX_SEASONAL_PERIOD)) {
            throw new IllegalArgumentException("seasonal orders (" + o[3] + "," + o[4] + "," + o[5]
                    + ") need a seasonal period from 2 to " + MAX_SEASONAL_PERIOD + ", fit was given " + m);
        }
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
        ArimaFit chosen = options.exact() ? fit.maximumLikelihood() : fit;
        return new FittedModel() {
            @Override
            public Forecast forecast(int h, double... levels) {
                if (h < 1) {
                    throw new IllegalArgumentException("horizon must be at least 1, was " + h);
                }
                double[] mean = chosen.forecast(h);
                double[] var = chosen.variance(h);
                return new SimpleModel(chosen.toString(), p.note(), step -> mean[step - 1],
                        step -> Math.sqrt(var[step - 1]), null, options.nonNegative()).forecast(h, levels);
            }

            @Override
            public Optional<ModelSummary> summary() {
                return Optional.of(Summaries.masked(chosen.summary(), series));
            }
        };
    }
}

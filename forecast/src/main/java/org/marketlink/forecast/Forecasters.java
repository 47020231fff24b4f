package org.marketlink.forecast;

import org.marketlink.forecast.models.Arima;
import org.marketlink.forecast.models.AutoForecaster;
import org.marketlink.forecast.models.BoxCox;
import org.marketlink.forecast.models.Combination;
import org.marketlink.forecast.models.Croston;
import org.marketlink.forecast.models.Ets;
import org.marketlink.forecast.models.Intermittent;
import org.marketlink.forecast.models.Mstl;
import org.marketlink.forecast.models.Naive;
import org.marketlink.forecast.models.Naive2;
import org.marketlink.forecast.models.SeasonalNaive;
import org.marketlink.forecast.models.SeasonallyAdjusted;
import org.marketlink.forecast.models.Ses;
import org.marketlink.forecast.models.Theta;

/**
 * The front door to every forecasting method: one place to find them, each a {@link Forecaster} ready to
 * {@link Forecaster#fit fit}. The model classes in {@code org.marketlink.forecast.models} stay public for their
 * {@code Options} and for what only one model has (an ARIMA order, a Croston variant).
 *
 * <pre>{@code
 * Forecast f = Forecasters.auto().fit(monthlyDemand, 12).forecast(6, 80, 95);
 * }</pre>
 *
 * <p>Every forecaster returned is immutable and thread-safe: fit it on many series at once.
 */
public final class Forecasters {
    private Forecasters() {
    }

    /**
     * The default: an ETS + ARIMA combination (Theta joins on short series, ARIMA alone on long ones), routed to
     * the Croston family for intermittent demand. The choice is named in {@link Forecast#model()}.
     */
    public static Forecaster auto() {
        return AutoForecaster.create();
    }

    /** Exponential smoothing with automatic selection of error, trend and season (R's {@code ets()}). */
    public static Forecaster ets() {
        return Ets.auto();
    }

    /** One ETS model, named as R names it: {@code "ANN"}, {@code "AAdN"}, {@code "MAM"}, ... */
    public static Forecaster ets(String model) {
        return Ets.of(model);
    }

    /** ARIMA with a stepwise search of orders and seasonal differencing (R's {@code auto.arima()}). */
    public static Forecaster arima() {
        return Arima.auto();
    }

    /** ARIMA(p, d, q), with a constant or without. */
    public static Forecaster arima(int p, int d, int q, boolean constant) {
        return Arima.of(p, d, q, constant);
    }

    /** The classic Theta method (the M3 winner). */
    public static Forecaster theta() {
        return Theta.create();
    }

    /** Theta with its θ chosen on the data. */
    public static Forecaster optimizedTheta() {
        return Theta.optimized();
    }

    /** Simple exponential smoothing. */
    public static Forecaster ses() {
        return Ses.create();
    }

    /** Croston's method for intermittent demand. */
    public static Forecaster croston() {
        return Croston.create();
    }

    /** The Syntetos–Boylan approximation of Croston's method. */
    public static Forecaster sba() {
        return Croston.sba();
    }

    /** Teunter–Syntetos–Babai: Croston with a decaying probability of demand. */
    public static Forecaster tsb() {
        return Croston.tsb();
    }

    /** Intermittent demand classified by ADI and CV² and routed to the fitting Croston variant or a regular model. */
    public static Forecaster intermittent() {
        return Intermittent.auto();
    }

    /** The last value, repeated. */
    public static Forecaster naive() {
        return Naive.create();
    }

    /** The value one season ago, repeated season after season. */
    public static Forecaster seasonalNaive() {
        return SeasonalNaive.create();
    }

    /** The M4 competition's Naive2 benchmark: naive on the seasonally adjusted series. */
    public static Forecaster naive2() {
        return Naive2.create();
    }

    /**
     * Several seasonal cycles at once (MSTL): a day and a week for hourly data, a week and a year for daily data, as
     * the period {@code fit} is given says ({@link Mstl#periodsFor}); AutoETS on the seasonally adjusted series.
     * {@code Mstl.of(24, 168)} names the cycles, {@link Mstl#robust()} resists bulk orders.
     */
    public static Forecaster mstl() {
        return Mstl.auto();
    }

    /** {@code inner} fitted on the seasonally adjusted series, the season put back on its forecasts. */
    public static Forecaster seasonallyAdjusted(Forecaster inner) {
        return SeasonallyAdjusted.of(inner);
    }

    /**
     * {@code inner} on the Box-Cox scale of a λ chosen per series by Guerrero's method, point forecasts bias-adjusted
     * to the mean; {@link BoxCox#of} fixes λ (0: the log).
     */
    public static Forecaster boxCox(Forecaster inner) {
        return BoxCox.guerrero(inner);
    }

    /** The mean of the members' forecasts, point by point. */
    public static Forecaster mean(Forecaster... members) {
        return Combination.of(Combination.Method.MEAN, members);
    }

    /** The median of the members' forecasts, point by point. */
    public static Forecaster median(Forecaster... members) {
        return Combination.of(Combination.Method.MEDIAN, members);
    }
}

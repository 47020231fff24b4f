package org.marketlink.forecast.models;

import org.marketlink.core.timeseries.Frequency;
import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.Prepared;
import org.marketlink.forecast.internal.Fallbacks;
import org.marketlink.forecast.internal.Stl;

import java.util.Arrays;
import java.util.Optional;

/**
 * Several seasonalities at once: MSTL (Bandara, Hyndman and Bergmeir, 2021, as R's {@code forecast::mstl} does it)
 * splits a series into a trend, one seasonal component per period (shortest first, each estimated by STL on the
 * series without the others, twice round) and a remainder; a forecaster for series without seasonality (AutoETS by
 * default, as {@code stlf} and statsforecast's {@code MSTL} use) forecasts the seasonally adjusted series, and each
 * seasonal component is carried on by repeating its last cycle. Intervals are the adjusted model's, shifted by the
 * seasonal forecast.
 *
 * <p>Hourly demand has a daily and a weekly cycle; daily demand a weekly and a yearly one. {@link #auto()} takes
 * them from the period {@link #fit} is given ({@link #periodsFor}), {@link #of} takes them as given. A period is
 * left out when the series holds fewer than two of its cycles (R does the same), and a series left with none is
 * forecast by the inner forecaster alone. Series with missing values, too short or constant get the fallbacks every
 * model here uses, named in the forecast.
 *
 * <p>Immutable and thread-safe.
 */
public final class Mstl implements Forecaster {
    /** The decomposition rounds over all periods: R's {@code iterate = 2}. */
    private static final int ROUNDS = 2;
    private final int[] periods;
    private final Forecaster adjusted;
    private final boolean robust;

    private Mstl(int[] periods, Forecaster adjusted, boolean robust) {
        this.periods = periods;
        this.adjusted = adjusted;
        this.robust = robust;
    }

    /** MSTL with the periods {@link #periodsFor} gives for the period {@code fit} is called with; AutoETS inside. */
    public static Mstl auto() {
        return new Mstl(null, Ets.auto(), false);
    }

    /**
     * MSTL with these periods, whatever period {@code fit} is given; AutoETS on the seasonally adjusted series.
     *
     * @param periods observations per cycle, each at least 2, for example {@code 24, 168} for hourly data
     * @throws IllegalArgumentException when there is no period or one is below 2
     */
    public static Mstl of(int... periods) {
        return new Mstl(checked(periods), Ets.auto(), false);
    }

    /** This decomposition with {@code forecaster} (given period 1) on the seasonally adjusted series. */
    public Mstl withAdjustedForecaster(Forecaster forecaster) {
        if (forecaster == null) {
            throw new IllegalArgumentException("forecaster must not be null");
        }
        return new Mstl(periods, forecaster, robust);
    }

    /**
     * This forecaster with robust STL inside ({@link #decompose(boolean, double[], int...)}): for demand with rare
     * huge values (a bulk order), which would otherwise bend the seasonal components for every cycle after.
     */
    public Mstl robust() {
        return new Mstl(periods, adjusted, true);
    }

    /**
     * The cycles of a frequency: hourly 24 and 168 (a day, a week), daily 7 and 365 (a week, a year: STL needs a
     * whole number of observations per cycle, so a year is 365 days), weekly 52, monthly 12, quarterly 4, yearly
     * none.
     */
    public static int[] periodsFor(Frequency frequency) {
        return switch (frequency) {
            case HOURLY -> new int[] {24, 168};
            case DAILY -> new int[] {7, 365};
            case WEEKLY -> new int[] {52};
            case MONTHLY -> new int[] {12};
            case QUARTERLY -> new int[] {4};
            case YEARLY -> new int[0];
        };
    }

    /** The periods of the frequency whose usual period is {@code m} ({@link Frequency#seasonalPeriod}), or m. */
    private static int[] periodsForPeriod(int m) {
        for (Frequency f : Frequency.values()) {
            if (f.seasonalPeriod() == m && m > 1) {
                return periodsFor(f);
            }
        }
        return m > 1 ? new int[] {m} : new int[0];
    }

    @Override
    public String name() {
        return "MSTL" + (robust ? " robust" : "") + (periods == null ? "" : Arrays.toString(periods)) + "("
                + adjusted.name() + ")";
    }

    /**
     * Splits {@code series} into its trend, one seasonal component per period that two cycles of the series cover,
     * and the remainder.
     *
     * @param series  the observations, no missing values
     * @param periods observations per cycle, each at least 2
     * @throws IllegalArgumentException when a value is missing or not finite, or a period is below 2
     */
    public static Decomposition decompose(double[] series, int... periods) {
        return decompose(false, series, periods);
    }

    /**
     * {@link #decompose(double[], int...)}, by robust STL when {@code robust}: each STL weighs every value by how far
     * it lies from its components (a bisquare of the remainder, fifteen passes), as R's {@code stl(robust = TRUE)}.
     */
    public static Decomposition decompose(boolean robust, double[] series, int... periods) {
        for (int i = 0; i < series.length; i++) {
            if (!Double.isFinite(series[i])) {
                throw new IllegalArgumentException("series[" + i + "] must be a finite number, was " + series[i]);
            }
        }
        int[] used = Arrays.stream(checked(periods)).filter(p -> series.length >= 2 * p).sorted().distinct()
                .toArray();
        int n = series.length;
        double[][] seasonal = new double[used.length][n];
        double[] deseasonalized = series.clone();
        double[] trend = null;
        for (int round = 0; round < ROUNDS && used.length > 0; round++) {
            for (int i = 0; i < used.length; i++) {
                for (int t = 0; t < n; t++) {
                    deseasonalized[t] += seasonal[i][t];
                }
                // R's s.window for the i-th period: 7 + 4 i (11, 15, ...)
                Stl.Components c = Stl.decompose(deseasonalized, used[i], 11 + 4 * i, robust);
                seasonal[i] = c.seasonal();
                trend = c.trend();
                for (int t = 0; t < n; t++) {
                    deseasonalized[t] -= seasonal[i][t];
                }
            }
        }
        if (trend == null) {
            trend = series.clone(); // no period fits: all of it is trend, nothing is left over
        }
        double[] remainder = new double[n];
        for (int t = 0; t < n; t++) {
            remainder[t] = deseasonalized[t] - trend[t];
        }
        return new Decomposition(used, trend, seasonal, remainder);
    }

    @Override
    public FittedModel fit(double[] series, int seasonalPeriod) {
        Prepared p = Prepared.of(series);
        Optional<FittedModel> fallback = Fallbacks.forIrregular(p);
        if (fallback.isPresent()) {
            return fallback.get();
        }
        int[] wanted = periods != null ? periods : periodsForPeriod(seasonalPeriod);
        Decomposition d = decompose(robust, p.values(), wanted);
        if (d.periods().length == 0) {
            return adjusted.fit(p.values(), 1);
        }
        FittedModel inner = adjusted.fit(d.seasonallyAdjusted(), 1);
        String shown = "MSTL" + Arrays.toString(d.periods());
        return (h, levels) -> {
            Forecast f = inner.forecast(h, levels);
            Forecast shifted = f.shiftedBy(d.seasonalForecast(h), shown + " with " + f.model()
                    + " on the seasonally adjusted series");
            return new Forecast(shifted.model(), shifted.mean(), shifted.intervals(), f.fallback().or(p::note));
        };
    }

    private static int[] checked(int[] periods) {
        if (periods == null || periods.length == 0) {
            throw new IllegalArgumentException("periods must name at least one period");
        }
        for (int p : periods) {
            if (p < 2) {
                throw new IllegalArgumentException("each period must be at least 2, was " + p);
            }
        }
        return periods.clone();
    }

    /**
     * A series split into a trend, one seasonal component per period and a remainder, which add up to the series.
     *
     * @param periods   the periods used, shortest first (those two cycles of the series cover)
     * @param trend     the trend
     * @param seasonal  one component per period, in the order of {@code periods}
     * @param remainder what is left
     */
    public record Decomposition(int[] periods, double[] trend, double[][] seasonal, double[] remainder) {
        /** Copies the arrays. */
        public Decomposition {
            periods = periods.clone();
            trend = trend.clone();
            seasonal = Arrays.stream(seasonal).map(double[]::clone).toArray(double[][]::new);
            remainder = remainder.clone();
        }

        @Override
        public int[] periods() {
            return periods.clone();
        }

        @Override
        public double[] trend() {
            return trend.clone();
        }

        @Override
        public double[][] seasonal() {
            return Arrays.stream(seasonal).map(double[]::clone).toArray(double[][]::new);
        }

        @Override
        public double[] remainder() {
            return remainder.clone();
        }

        /** The series without its seasonal components: trend plus remainder. */
        public double[] seasonallyAdjusted() {
            double[] out = new double[trend.length];
            for (int t = 0; t < out.length; t++) {
                out[t] = trend[t] + remainder[t];
            }
            return out;
        }

        /** The seasonal components carried {@code h} steps on, each repeating its last cycle, summed. */
        public double[] seasonalForecast(int h) {
            double[] out = new double[h];
            int n = trend.length;
            for (int i = 0; i < periods.length; i++) {
                int p = periods[i];
                for (int k = 0; k < h; k++) {
                    out[k] += seasonal[i][n - p + k % p];
                }
            }
            return out;
        }
    }
}

package org.marketlink.forecast.models;

import org.marketlink.forecast.FittedModel;
import org.marketlink.forecast.Forecast;
import org.marketlink.forecast.Forecaster;
import org.marketlink.forecast.Prepared;

import java.util.Locale;
import java.util.Optional;

/**
 * Chooses a method by the demand pattern (Syntetos–Boylan classification): the average inter-demand interval
 * (ADI) and the squared coefficient of variation of the non-zero demands (CV²), with the cut-offs 1.32 and 0.49.
 * Smooth and erratic series (ADI &lt; 1.32) go to {@code regular}; intermittent ones (ADI ≥ 1.32, CV² &lt; 0.49) to
 * Croston; lumpy ones (ADI ≥ 1.32, CV² ≥ 0.49) to SBA. The result names the class and the method. Forecasts are
 * never negative. Immutable and thread-safe.
 */
public final class Intermittent implements Forecaster {
    /** The demand patterns. */
    public enum Pattern {
        /** Frequent demand of steady size (ADI below 1.32, CV² below 0.49). */
        SMOOTH,
        /** Frequent demand of varying size (ADI below 1.32, CV² at least 0.49). */
        ERRATIC,
        /** Rare demand of steady size (ADI at least 1.32, CV² below 0.49). */
        INTERMITTENT,
        /** Rare demand of varying size (ADI at least 1.32, CV² at least 0.49). */
        LUMPY
    }

    private final Forecaster regular;

    private Intermittent(Forecaster regular) {
        this.regular = regular;
    }

    /** Routing with AutoETS for smooth and erratic series. */
    public static Intermittent auto() {
        return new Intermittent(Ets.create(new Ets.Options("ZZZ", 2000, true)));
    }

    /** Routes smooth and erratic series to {@code regular}, the others to Croston or SBA. */
    public static Intermittent withRegular(Forecaster regular) {
        return new Intermittent(regular);
    }

    @Override
    public String name() {
        return "Intermittent";
    }

    /** The pattern of a series without missing values; SMOOTH when it has fewer than two demands. */
    public static Pattern classify(double[] y) {
        int demands = 0;
        int first = -1;
        int last = -1;
        double sum = 0;
        double sumSq = 0;
        for (int t = 0; t < y.length; t++) {
            if (y[t] > 0) {
                demands++;
                if (first < 0) {
                    first = t;
                }
                last = t;
                sum += y[t];
                sumSq += y[t] * y[t];
            }
        }
        if (demands < 2) {
            return demands == 0 ? Pattern.INTERMITTENT : Pattern.SMOOTH;
        }
        double adi = (double) y.length / demands;
        double mean = sum / demands;
        double variance = sumSq / demands - mean * mean;
        double cv2 = variance / (mean * mean);
        if (adi < 1.32) {
            return cv2 < 0.49 ? Pattern.SMOOTH : Pattern.ERRATIC;
        }
        return cv2 < 0.49 ? Pattern.INTERMITTENT : Pattern.LUMPY;
    }

    @Override
    public FittedModel fit(double[] series, int seasonalPeriod) {
        Prepared p = Prepared.of(series);
        if (p.kind() != Prepared.Kind.REGULAR) {
            return regular.fit(series, seasonalPeriod);
        }
        Pattern pattern = classify(p.values());
        Forecaster chosen = switch (pattern) {
            case SMOOTH, ERRATIC -> regular;
            case INTERMITTENT -> Croston.create();
            case LUMPY -> Croston.sba();
        };
        FittedModel fitted = chosen.fit(series, seasonalPeriod);
        String label = pattern.name().toLowerCase(Locale.ROOT) + " demand";
        return (h, levels) -> {
            Forecast f = fitted.forecast(h, levels);
            double[] mean = f.mean();
            for (int i = 0; i < mean.length; i++) {
                mean[i] = Math.max(0, mean[i]);
            }
            return new Forecast(f.model() + " [" + label + "]", mean, f.intervals(),
                    f.fallback().isPresent() ? f.fallback() : Optional.empty());
        };
    }
}

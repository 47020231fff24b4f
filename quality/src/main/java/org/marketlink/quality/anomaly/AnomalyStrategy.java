package org.marketlink.quality.anomaly;

import org.marketlink.core.timeseries.IntervalPredictor;
import org.marketlink.quality.metrics.MetricBounds;

import java.util.Arrays;
import java.util.Optional;

/**
 * Decides whether a new value of a metric is anomalous given its history (oldest first). With too little history a
 * strategy reports nothing rather than guess. Strategies are immutable and thread-safe.
 */
@FunctionalInterface
public interface AnomalyStrategy {

    /** The anomaly {@code value} is against {@code history} (oldest first), or empty. */
    Optional<Anomaly> check(double[] history, double value);

    /** Anomalous when the value moves more than {@code maxChange} away from the last value, either way. */
    static AnomalyStrategy absoluteChange(double maxChange) {
        return (h, v) -> {
            if (h.length == 0) {
                return Optional.empty();
            }
            double last = h[h.length - 1];
            return Math.abs(v - last) > maxChange ? Optional.of(new Anomaly(v, last, last - maxChange,
                    last + maxChange, "changed by " + MetricBounds.measured(v - last) + ", more than "
                    + MetricBounds.measured(maxChange))) : Optional.empty();
        };
    }

    /** Anomalous when the value is more than {@code maxRatio} times, or less than 1/{@code maxRatio} of, the last. */
    static AnomalyStrategy relativeChange(double maxRatio) {
        if (!(maxRatio > 1)) {
            throw new IllegalArgumentException("maxRatio must be above 1, was " + maxRatio);
        }
        return (h, v) -> {
            if (h.length == 0 || h[h.length - 1] == 0) {
                return Optional.empty();
            }
            double last = h[h.length - 1];
            double lo = Math.min(last / maxRatio, last * maxRatio);
            double hi = Math.max(last / maxRatio, last * maxRatio);
            return v < lo || v > hi ? Optional.of(new Anomaly(v, last, lo, hi, "changed by a factor of "
                    + MetricBounds.measured(v / last) + ", beyond " + MetricBounds.measured(maxRatio)))
                    : Optional.empty();
        };
    }

    /** Anomalous beyond {@code k} standard deviations from the mean of the history (needs 3 values). */
    static AnomalyStrategy zScore(double k) {
        return (h, v) -> {
            if (h.length < 3) {
                return Optional.empty();
            }
            double mean = Arrays.stream(h).average().orElse(0);
            double sd = Math.sqrt(Arrays.stream(h).map(x -> (x - mean) * (x - mean)).sum() / (h.length - 1));
            double lo = mean - k * sd;
            double hi = mean + k * sd;
            return v < lo || v > hi ? Optional.of(new Anomaly(v, mean, lo, hi, "z-score "
                    + (sd == 0 ? "infinite" : MetricBounds.measured((v - mean) / sd)) + " beyond "
                    + MetricBounds.measured(k))) : Optional.empty();
        };
    }

    /**
     * Anomalous beyond {@code k} scaled median absolute deviations (1.4826·MAD, consistent with σ for normal data)
     * from the median; robust to earlier outliers (needs 3 values).
     */
    static AnomalyStrategy medianAbsoluteDeviation(double k) {
        return (h, v) -> {
            if (h.length < 3) {
                return Optional.empty();
            }
            double median = median(h.clone());
            double[] dev = Arrays.stream(h).map(x -> Math.abs(x - median)).toArray();
            double mad = 1.4826 * median(dev);
            double lo = median - k * mad;
            double hi = median + k * mad;
            return v < lo || v > hi ? Optional.of(new Anomaly(v, median, lo, hi, "more than "
                    + MetricBounds.measured(k)
                    + " scaled MADs from the median")) : Optional.empty();
        };
    }

    /**
     * Anomalous outside the prediction interval of a forecaster that knows the seasonal pattern (for example a
     * weekly rhythm in row counts). The forecaster comes from the forecast module through {@link IntervalPredictor}.
     */
    static AnomalyStrategy seasonal(IntervalPredictor predictor, int seasonalPeriod, double level) {
        return (h, v) -> {
            if (h.length < 2 * Math.max(1, seasonalPeriod)) {
                return Optional.empty();
            }
            double[] p = predictor.next(h, seasonalPeriod, level);
            return v < p[0] || v > p[2] ? Optional.of(new Anomaly(v, p[1], p[0], p[2], "outside the " + level
                    + "% seasonal prediction interval")) : Optional.empty();
        };
    }

    private static double median(double[] x) {
        Arrays.sort(x);
        int n = x.length;
        return n % 2 == 1 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
    }
}

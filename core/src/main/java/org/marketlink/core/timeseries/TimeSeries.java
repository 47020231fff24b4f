package org.marketlink.core.timeseries;

import org.marketlink.core.Checks;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A regular time series: a start period, a frequency and one value per period. A missing value is
 * {@code NaN}; {@link #missingCount()} tells how many there are and {@link #withMissingFilled()} fills them.
 *
 * <p>Immutable (values are copied in and out) and thread-safe.
 */
public final class TimeSeries {
    private final String name;
    private final LocalDateTime start;
    private final Frequency frequency;
    private final double[] values;

    private TimeSeries(String name, LocalDateTime start, Frequency frequency, double[] values) {
        this.name = name;
        this.start = start;
        this.frequency = frequency;
        this.values = values;
    }

    /**
     * @param start the first period (moved to the start of its period)
     * @param values one per period; NaN marks a missing value; infinities are refused
     */
    public static TimeSeries of(String name, LocalDateTime start, Frequency frequency, double... values) {
        Checks.notNull("start", start);
        Checks.notNull("frequency", frequency);
        Checks.notNull("values", values);
        for (int i = 0; i < values.length; i++) {
            if (Double.isInfinite(values[i])) {
                throw new IllegalArgumentException("values[" + i + "] of series " + name + " is " + values[i]);
            }
        }
        return new TimeSeries(Checks.orEmpty(name), frequency.periodStart(start), frequency, values.clone());
    }

    /**
     * Sums events into a demand series from {@code from} to {@code to} (both included, by period): each event
     * adds its value to the period its time falls in; periods without events are 0, not missing. Events outside
     * the range are ignored.
     */
    public static <E> TimeSeries aggregate(String name, Iterable<E> events, Function<E, LocalDateTime> time,
                                           ToDoubleFunction<E> value, Frequency frequency, LocalDateTime from,
                                           LocalDateTime to) {
        LocalDateTime first = frequency.periodStart(from);
        LocalDateTime last = frequency.periodStart(to);
        long n = frequency.between(first, last) + 1;
        if (n <= 0 || n > 10_000_000) {
            throw new IllegalArgumentException("range " + from + ".." + to + " does not hold 1..10,000,000 periods");
        }
        double[] sums = new double[(int) n];
        for (E e : events) {
            LocalDateTime t = frequency.periodStart(time.apply(e));
            long i = frequency.between(first, t);
            if (i >= 0 && i < n) {
                double v = value.applyAsDouble(e);
                if (Double.isFinite(v)) {
                    sums[(int) i] += v;
                }
            }
        }
        return new TimeSeries(Checks.orEmpty(name), first, frequency, sums);
    }

    /** The series' name. */
    public String name() {
        return name;
    }

    /** The time of the first value. */
    public LocalDateTime start() {
        return start;
    }

    /** How far apart the values are. */
    public Frequency frequency() {
        return frequency;
    }

    /** The number of values. */
    public int length() {
        return values.length;
    }

    /** A copy of the values. */
    public double[] values() {
        return values.clone();
    }

    /** The value at position {@code i}, NaN when missing. */
    public double value(int i) {
        return values[i];
    }

    /** The start of period {@code i} (may be past the end, for forecasts). */
    public LocalDateTime periodAt(int i) {
        return frequency.plus(start, i);
    }

    /** The number of missing (NaN) values. */
    public int missingCount() {
        int n = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                n++;
            }
        }
        return n;
    }

    /**
     * This series with missing values filled: interior gaps by linear interpolation between their neighbours,
     * leading and trailing gaps by the nearest known value. A series with no known value is returned as is.
     */
    public TimeSeries withMissingFilled() {
        return new TimeSeries(name, start, frequency, fillMissing(values));
    }

    /** {@link #withMissingFilled()} on a plain array (copied). */
    public static double[] fillMissing(double[] y) {
        double[] out = y.clone();
        int firstKnown = -1;
        for (int i = 0; i < out.length; i++) {
            if (!Double.isNaN(out[i])) {
                firstKnown = i;
                break;
            }
        }
        if (firstKnown < 0) {
            return out;
        }
        Arrays.fill(out, 0, firstKnown, out[firstKnown]);
        int prev = firstKnown;
        for (int i = firstKnown + 1; i < out.length; i++) {
            if (!Double.isNaN(out[i])) {
                for (int j = prev + 1; j < i; j++) {
                    out[j] = out[prev] + (out[i] - out[prev]) * (j - prev) / (i - prev);
                }
                prev = i;
            }
        }
        Arrays.fill(out, prev + 1, out.length, out[prev]);
        return out;
    }

    @Override
    public String toString() {
        return "TimeSeries[" + name + ", " + frequency + " from " + start + ", " + values.length + " values]";
    }
}

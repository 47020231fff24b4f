package org.marketlink.core.features.window;

/**
 * Time-window features of every event, in the order the events were given: {@code mean()[i]} belongs to event
 * {@code i}. Arrays are shared, not copied: treat them as read-only.
 *
 * <p>Undefined values are NaN: the standard deviation of a window of one event, a lag before the key's first event,
 * and the percentage change when there is no previous event or the previous value is 0.
 */
public final class WindowResult {
    final double[] count;
    final double[] sum;
    final double[] mean;
    final double[] stddev;
    final double[] min;
    final double[] max;
    final double[] ewm;
    final double[] pctChange;
    final double[][] lags;

    WindowResult(int n, int lagCount) {
        count = new double[n];
        sum = new double[n];
        mean = new double[n];
        stddev = new double[n];
        min = new double[n];
        max = new double[n];
        ewm = new double[n];
        pctChange = new double[n];
        lags = new double[lagCount][n];
    }

    /** The number of events, one result per event. */
    public int size() {
        return count.length;
    }

    /** Events in the window, the event itself included. */
    public double[] count() {
        return count;
    }

    /** The sum over each event's window, by event (the array itself, not a copy). */
    public double[] sum() {
        return sum;
    }

    /** The mean over each event's window, by event. */
    public double[] mean() {
        return mean;
    }

    /** Sample standard deviation (n − 1); NaN for a window of one event. */
    public double[] stddev() {
        return stddev;
    }

    /** The minimum over each event's window, by event. */
    public double[] min() {
        return min;
    }

    /** The maximum over each event's window, by event. */
    public double[] max() {
        return max;
    }

    /** Exponentially weighted mean of the key's events so far, weights halving every half-life. */
    public double[] ewm() {
        return ewm;
    }

    /** {@code (value - previous) / previous} against the key's previous event. */
    public double[] pctChange() {
        return pctChange;
    }

    /** The value {@code k} events earlier within the key, {@code k} from 1. */
    public double[] lag(int k) {
        if (k < 1 || k > lags.length) {
            throw new IllegalArgumentException("lag must be between 1 and " + lags.length + ", was " + k);
        }
        return lags[k - 1];
    }
}

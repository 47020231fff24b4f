package org.marketlink.core.features.window;

/**
 * Time-window features of every event, in the order the events were given: {@code mean()[i]} belongs to event
 * {@code i}. Each column is made once, when first asked for, and then shared, not copied: treat it as read-only.
 * Thread-safe.
 *
 * <p>Undefined values are NaN: the standard deviation of a window of one event, a lag before the key's first event,
 * and the percentage change when there is no previous event or the previous value is 0.
 */
public final class WindowResult {
    static final int COUNT = 0;
    static final int SUM = 1;
    static final int MEAN = 2;
    static final int STDDEV = 3;
    static final int MIN = 4;
    static final int MAX = 5;
    static final int EWM = 6;
    static final int PCT_CHANGE = 7;
    private static final int FIXED = 8;
    /**
     * Every event's results side by side ({@link #width} values an event), as the window pass writes them: events
     * are visited key by key, so one event's results written together cost one cache line instead of one per column.
     * Columns are cut out of it when first asked for.
     */
    private final double[] rows;
    private final int n;
    final int width;
    final int lagCount;
    private final double[][] columns;

    WindowResult(int n, int lagCount) {
        this.n = n;
        this.lagCount = lagCount;
        this.width = FIXED + lagCount;
        if ((long) n * width > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("at most " + (Integer.MAX_VALUE - 8) / width + " events fit one call "
                    + "with " + lagCount + " lag(s), were " + n + ": compute them in parts (by key)");
        }
        this.rows = new double[n * width];
        this.columns = new double[width][];
    }

    /** Where event {@code i}'s results start in {@link #rows()}. */
    int at(int i) {
        return i * width;
    }

    double[] rows() {
        return rows;
    }

    /** The column {@code c}, cut out of the rows once (by the first caller; later callers get the same array). */
    private synchronized double[] column(int c) {
        double[] col = columns[c];
        if (col == null) {
            col = new double[n];
            for (int i = 0, at = c; i < n; i++, at += width) {
                col[i] = rows[at];
            }
            columns[c] = col;
        }
        return col;
    }

    /** The number of events, one result per event. */
    public int size() {
        return n;
    }

    /** Events in the window, the event itself included. */
    public double[] count() {
        return column(COUNT);
    }

    /** The sum over each event's window, by event (the array itself, not a copy). */
    public double[] sum() {
        return column(SUM);
    }

    /** The mean over each event's window, by event. */
    public double[] mean() {
        return column(MEAN);
    }

    /** Sample standard deviation (n − 1); NaN for a window of one event. */
    public double[] stddev() {
        return column(STDDEV);
    }

    /** The minimum over each event's window, by event. */
    public double[] min() {
        return column(MIN);
    }

    /** The maximum over each event's window, by event. */
    public double[] max() {
        return column(MAX);
    }

    /** Exponentially weighted mean of the key's events so far, weights halving every half-life. */
    public double[] ewm() {
        return column(EWM);
    }

    /** {@code (value - previous) / previous} against the key's previous event. */
    public double[] pctChange() {
        return column(PCT_CHANGE);
    }

    /** The value {@code k} events earlier within the key, {@code k} from 1. */
    public double[] lag(int k) {
        if (k < 1 || k > lagCount) {
            throw new IllegalArgumentException("lag must be between 1 and " + lagCount + ", was " + k);
        }
        return column(FIXED + k - 1);
    }
}

package org.marketlink.core.features.window;

/**
 * Time-window features of every event. From {@link TimeWindowFeatures#compute} they are in the order the events were
 * given: {@code mean()[i]} belongs to event {@code i}. From {@link TimeWindowFeatures#computeGrouped} they are in the
 * order the windows were computed, key by key and by time within a key, and {@link #events()} says which event each
 * row belongs to. Each column is made once, when first asked for, and then shared, not copied: treat it as
 * read-only. Thread-safe.
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
     * Every column in the order the window pass computes it (key by key, by time within a key), which it writes in
     * sequence; {@link #events} maps each of those rows to its event.
     */
    private final double[][] computed;
    /** For results in the events' order, each column scattered back to it when first asked for; else null. */
    private final double[][] inEventOrder;
    private final int n;
    final int width;
    final int lagCount;
    /** The event of each computed row. */
    private final int[] events;

    /**
     * Results for {@code n} events, written by the window pass in its own order; {@code grouped} ones are read in
     * that order, the others in the events' order: each column is moved back to it when first asked for, one
     * sequential read and one write per value, rather than every event's results written to a random place while
     * the windows are computed.
     */
    WindowResult(int n, int lagCount, boolean grouped) {
        this.n = n;
        this.lagCount = lagCount;
        this.width = FIXED + lagCount;
        this.computed = new double[width][];
        for (int c = 0; c < width; c++) {
            computed[c] = new double[n];
        }
        this.events = new int[n];
        this.inEventOrder = grouped ? null : new double[width][];
    }

    /** Whether the rows are in the order the windows were computed ({@link #events()} maps them to events). */
    public boolean grouped() {
        return inEventOrder == null;
    }

    /**
     * The event (its position in the input) of each row: for grouped results, rows of one key together in time
     * order (the array itself, not a copy); for results in the events' order, {@code 0, 1, 2, ...}.
     */
    public int[] events() {
        if (grouped()) {
            return events;
        }
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i;
        }
        return identity;
    }

    /** The events of the computed rows, written by the window pass. */
    int[] eventsForWriting() {
        return events;
    }

    /** The computed column {@code c}, written by the window pass. */
    double[] columnForWriting(int c) {
        return computed[c];
    }

    /** The column {@code c} in this result's order, made once (by the first caller; later ones get the same array). */
    private synchronized double[] column(int c) {
        if (inEventOrder == null) {
            return computed[c];
        }
        double[] col = inEventOrder[c];
        if (col == null) {
            double[] from = computed[c];
            col = new double[n];
            for (int row = 0; row < n; row++) {
                col[events[row]] = from[row];
            }
            inEventOrder[c] = col;
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

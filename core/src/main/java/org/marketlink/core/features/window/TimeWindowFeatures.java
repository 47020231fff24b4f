package org.marketlink.core.features.window;

import org.marketlink.core.HostThreads;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;

/**
 * Rolling statistics over a time range, lags, percentage change and an exponentially weighted mean, per key, for
 * events given as columns: a key, a time (epoch milliseconds) and a value per event.
 *
 * <p>Order: events are ordered by time within their key, whatever order they arrive in; events of one key at the same
 * time keep their input order. Such ties are <em>peers</em>: the time window of each includes all of them (as SQL's
 * {@code RANGE} frames do), while lags, percentage change and the EWM follow event order (as {@code ROWS} do), so
 * the second of two events at one time has the first as its lag 1.
 *
 * <p>Memory: apart from the input and output columns, a key's state holds only the events of one window, and keys
 * are computed one after another on each thread. Values must be finite; a NaN or infinite value is rejected naming
 * its position. Stateless and thread-safe; {@link #compute} uses all cores of the common fork-join pool.
 */
public final class TimeWindowFeatures {
    private final WindowOptions options;

    /** Window features computed as {@code options} say. */
    public TimeWindowFeatures(WindowOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
    }

    /**
     * Features for events with keys of any type (equal keys are one key).
     *
     * @throws IllegalArgumentException when the columns differ in length, a key is null or a value is not finite
     */
    public WindowResult compute(List<?> keys, long[] times, double[] values) {
        Map<Object, Integer> ids = new HashMap<>();
        int[] dense = new int[keys.size()];
        for (int i = 0; i < dense.length; i++) {
            Object k = keys.get(i);
            if (k == null) {
                throw new IllegalArgumentException("key of event " + i + " is null");
            }
            dense[i] = ids.computeIfAbsent(k, x -> ids.size());
        }
        return compute(dense, times, values);
    }

    /**
     * Features for events whose keys are non-negative integers (for example dense product indices).
     *
     * @throws IllegalArgumentException when the columns differ in length, a key is negative or a value is not finite
     */
    public WindowResult compute(int[] keys, long[] times, double[] values) {
        return compute(keys, times, values, null);
    }

    /**
     * As {@link #compute(int[], long[], double[])}, the keys' windows run on the host's {@code executor} (default:
     * the common fork-join pool). The calling thread takes the blocks of keys in order and processes itself any
     * block the executor has not started, so a small, saturated or idle executor slows the call and cannot stall
     * it. No thread is made.
     *
     * @param keys     non-negative integer keys
     * @param times    event times in epoch milliseconds
     * @param values   finite values
     * @param executor the host's threads
     * @return the features, in the events' order
     */
    public WindowResult compute(int[] keys, long[] times, double[] values, Executor executor) {
        return compute(keys, times, values, executor, false);
    }

    /**
     * As {@link #compute(int[], long[], double[], Executor)}, the results in the order they are computed instead of
     * the events' order: the rows of one key together, by time, and {@link WindowResult#events()} giving each row's
     * event. For a caller that does not need the events' order (one that stores the features by key and time, or
     * aggregates them), this saves writing every event's results to a random place in memory and cutting columns
     * out of rows afterwards: the pass writes each column in sequence.
     *
     * @param keys     non-negative integer keys
     * @param times    event times in epoch milliseconds
     * @param values   finite values
     * @param executor the host's threads, or null for the common fork-join pool
     * @return the features, grouped by key
     */
    public WindowResult computeGrouped(int[] keys, long[] times, double[] values, Executor executor) {
        return compute(keys, times, values, executor, true);
    }

    private WindowResult compute(int[] keys, long[] times, double[] values, Executor executor, boolean grouped) {
        int n = keys.length;
        if (times.length != n || values.length != n) {
            throw new IllegalArgumentException("keys, times and values must have the same length, were " + n + ", "
                    + times.length + ", " + values.length);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("value of event " + i + " (key " + keys[i] + ", time "
                        + times[i] + ") must be finite, was " + values[i]);
            }
        }
        int[] order = new int[n];
        // grouped by key here, ordered by time within each key in the parallel blocks below (that sort is most of
        // the work when events arrive out of order, and each key's is its own)
        int[] keyStart = EventOrder.group(keys, order);
        WindowResult out = new WindowResult(n, options.lags(), grouped);
        int keyCount = keyStart.length - 1;
        long range = options.range().toMillis();
        double halfLife = options.ewmHalfLife().toMillis();
        int chunk = Math.max(1, keyCount / (Runtime.getRuntime().availableProcessors() * 8));
        IntConsumer block = c -> {
            KeyWindow window = new KeyWindow();
            KeyEvents events = new KeyEvents();
            for (int k = c * chunk, end = Math.min(keyCount, (c + 1) * chunk); k < end; k++) {
                int len = events.gather(order, keyStart[k], keyStart[k + 1], times, values);
                window.run(events.times, events.values, events.at, len, range, halfLife, out, keyStart[k]);
            }
        };
        int blocks = (keyCount + chunk - 1) / chunk;
        HostThreads.runBlocksOrCommonPool(executor, blocks, block, "computing window features");
        return out;
    }

    /** The state of one key's window: a ring of the events in range, running sums and monotonic min/max queues. */
    static final class KeyWindow {
        private long[] time = new long[16];
        private double[] value = new double[16];
        private long head;          // sequence number of the oldest event in the window
        private long tail;          // sequence number the next event gets
        private long[] minQueue = new long[16];
        private long[] maxQueue = new long[16];
        private int minHead;
        private int minTail;
        private int maxHead;
        private int maxTail;
        private double shift;       // the key's first value: sums of shifted values lose less to cancellation
        private double sum;
        private double sumSquares;

        /**
         * One key's events, gathered and sorted by time: times {@code ts}, values {@code vs} and each event's position
         * in the input {@code at}, the first {@code len} of each. Results go to rows {@code base ..} of the result's
         * computed columns, in this order: each column is written in sequence.
         */
        void run(long[] ts, double[] vs, int[] at, int len, long range, double halfLife, WindowResult out,
                 int base) {
            int from = 0;
            int to = len;
            head = tail = 0;
            minHead = minTail = maxHead = maxTail = 0;
            sum = sumSquares = 0;
            shift = vs[from];
            double ewmSum = 0;
            double ewmWeight = 0;
            long previousTime = ts[from];
            double decayPerMilli = -Math.log(2) / halfLife;
            int lagCount = out.lagCount;
            int[] events = out.eventsForWriting();
            double[] counts = out.columnForWriting(WindowResult.COUNT);
            double[] sums = out.columnForWriting(WindowResult.SUM);
            double[] means = out.columnForWriting(WindowResult.MEAN);
            double[] stddevs = out.columnForWriting(WindowResult.STDDEV);
            double[] mins = out.columnForWriting(WindowResult.MIN);
            double[] maxes = out.columnForWriting(WindowResult.MAX);
            double[] ewms = out.columnForWriting(WindowResult.EWM);
            double[] changes = out.columnForWriting(WindowResult.PCT_CHANGE);
            double[][] lags = new double[lagCount][];
            for (int k = 1; k <= lagCount; k++) {
                lags[k - 1] = out.columnForWriting(WindowResult.PCT_CHANGE + k);
            }
            for (int p = from; p < to; ) {
                long t = ts[p];
                int peersEnd = p;
                while (peersEnd < to && ts[peersEnd] == t) {
                    add(t, vs[peersEnd]);
                    peersEnd++;
                }
                long oldest = t - range;
                while (time[(int) (head & (time.length - 1))] < oldest) {
                    remove();
                }
                double count = tail - head;
                double min = value[(int) (minQueue[minHead & (minQueue.length - 1)] & (value.length - 1))];
                double max = value[(int) (maxQueue[maxHead & (maxQueue.length - 1)] & (value.length - 1))];
                // running sums keep the rounding of every value that has left the window; a window of equal values
                // (one value, or a run of zeros after large prices) gets its exact mean and no spread instead, so a
                // later percentage change is not divided by a residue of 1e-13
                double windowSum = sum + shift * count;
                double mean = sum / count + shift;
                double variance = count > 1 ? (sumSquares - sum * sum / count) / (count - 1) : Double.NaN;
                if (min == max) {
                    windowSum = min * count;
                    mean = min;
                    variance = count > 1 ? 0 : Double.NaN;
                } else if (mean < min) {
                    mean = min;
                } else if (mean > max) {
                    mean = max;
                }
                double stddev = variance > 0 ? Math.sqrt(variance) : variance == variance ? 0 : Double.NaN;
                for (int q = p; q < peersEnd; q++) {
                    double v = vs[q];
                    double decay = t == previousTime ? 1 : Math.exp((t - previousTime) * decayPerMilli);
                    ewmSum = v + decay * ewmSum;
                    ewmWeight = 1 + decay * ewmWeight;
                    previousTime = t;
                    double ewm = ewmSum / ewmWeight;
                    double previous = q > from ? vs[q - 1] : Double.NaN;
                    double change = previous != 0 ? (v - previous) / previous : Double.NaN;
                    int i = base + q;
                    events[i] = at[q];
                    counts[i] = count;
                    sums[i] = windowSum;
                    means[i] = mean;
                    stddevs[i] = stddev;
                    mins[i] = min;
                    maxes[i] = max;
                    ewms[i] = ewm;
                    changes[i] = change;
                    for (int k = 1; k <= lagCount; k++) {
                        lags[k - 1][i] = q - k >= from ? vs[q - k] : Double.NaN;
                    }
                }
                p = peersEnd;
            }
        }

        private void add(long t, double v) {
            if (tail - head == time.length) {
                grow();
            }
            int slot = (int) (tail & (time.length - 1));
            time[slot] = t;
            value[slot] = v;
            double s = v - shift;
            sum += s;
            sumSquares += s * s;
            // min queue keeps increasing values, max queue decreasing ones; both hold sequence numbers
            while (minTail > minHead && value[(int) (minQueue[(minTail - 1) & (minQueue.length - 1)]
                    & (value.length - 1))] >= v) {
                minTail--;
            }
            minQueue[minTail++ & (minQueue.length - 1)] = tail;
            while (maxTail > maxHead && value[(int) (maxQueue[(maxTail - 1) & (maxQueue.length - 1)]
                    & (value.length - 1))] <= v) {
                maxTail--;
            }
            maxQueue[maxTail++ & (maxQueue.length - 1)] = tail;
            tail++;
        }

        private void remove() {
            int slot = (int) (head & (time.length - 1));
            double s = value[slot] - shift;
            sum -= s;
            sumSquares -= s * s;
            if (minQueue[minHead & (minQueue.length - 1)] == head) {
                minHead++;
            }
            if (maxQueue[maxHead & (maxQueue.length - 1)] == head) {
                maxHead++;
            }
            head++;
        }

        // doubles every ring; queues are re-based so their indices stay within the new capacity
        private void grow() {
            int capacity = time.length * 2;
            long[] newTime = new long[capacity];
            double[] newValue = new double[capacity];
            for (long seq = head; seq < tail; seq++) {
                newTime[(int) (seq & (capacity - 1))] = time[(int) (seq & (time.length - 1))];
                newValue[(int) (seq & (capacity - 1))] = value[(int) (seq & (value.length - 1))];
            }
            time = newTime;
            value = newValue;
            minQueue = regrow(minQueue, minHead, minTail, capacity);
            minTail -= minHead;
            minHead = 0;
            maxQueue = regrow(maxQueue, maxHead, maxTail, capacity);
            maxTail -= maxHead;
            maxHead = 0;
        }

        private static long[] regrow(long[] queue, int head, int tail, int capacity) {
            long[] out = new long[capacity];
            for (int i = head; i < tail; i++) {
                out[i - head] = queue[i & (queue.length - 1)];
            }
            return out;
        }
    }

    /** Grouping events by key with a counting sort over primitive arrays. */
    static final class EventOrder {
        private EventOrder() {
        }

        /**
         * Fills {@code order} with event indices grouped by key, in input order within each key; {@link KeyEvents}
         * then sorts each key's run by (time, input index).
         *
         * @return the start of each key's run in {@code order}, plus {@code n} at the end (keys without events have
         * empty runs)
         */
        static int[] group(int[] keys, int[] order) {
            int n = keys.length;
            int maxKey = -1;
            for (int i = 0; i < n; i++) {
                if (keys[i] < 0) {
                    throw new IllegalArgumentException("key of event " + i + " must not be negative, was " + keys[i]);
                }
                maxKey = Math.max(maxKey, keys[i]);
            }
            if (maxKey > 4L * n + 1024) {
                // sparse keys: make them dense first, so the counting sort below stays O(n)
                Map<Integer, Integer> dense = new HashMap<>();
                int[] remapped = new int[n];
                for (int i = 0; i < n; i++) {
                    remapped[i] = dense.computeIfAbsent(keys[i], k -> dense.size());
                }
                return group(remapped, order);
            }
            int[] start = new int[maxKey + 2];
            for (int k : keys) {
                start[k + 1]++;
            }
            for (int k = 0; k <= maxKey; k++) {
                start[k + 1] += start[k];
            }
            int[] next = Arrays.copyOf(start, maxKey + 1);
            for (int i = 0; i < n; i++) {
                order[next[keys[i]]++] = i;
            }
            return start;
        }
    }

    /**
     * One key's events gathered out of the input into arrays of their own, then sorted by (time, input index): the
     * window pass then reads them in sequence instead of chasing indices through the whole input. Scratch space of
     * one thread, grown to the longest key.
     */
    static final class KeyEvents {
        long[] times = new long[16];
        double[] values = new double[16];
        int[] at = new int[16];
        private long[] packed = new long[16];
        private long[] timesScratch = new long[16];
        private double[] valuesScratch = new double[16];
        private int[] atScratch = new int[16];

        /** Gathers the events {@code order[from..to)} (input order) and sorts them by time; returns how many. */
        int gather(int[] order, int from, int to, long[] allTimes, double[] allValues) {
            int len = to - from;
            if (times.length < len) {
                int size = Math.max(len, times.length * 2);
                times = new long[size];
                values = new double[size];
                at = new int[size];
                packed = new long[size];
                timesScratch = new long[size];
                valuesScratch = new double[size];
                atScratch = new int[size];
            }
            boolean sorted = true;
            long minTime = Long.MAX_VALUE;
            long maxTime = Long.MIN_VALUE;
            for (int p = 0; p < len; p++) {
                int i = order[from + p];
                long t = allTimes[i];
                times[p] = t;
                values[p] = allValues[i];
                at[p] = i;
                sorted &= p == 0 || times[p - 1] <= t;
                minTime = Math.min(minTime, t);
                maxTime = Math.max(maxTime, t);
            }
            if (!sorted) {
                sortByTime(len, minTime, maxTime);
            }
            return len;
        }

        /** Stable: ties keep input order (the events were gathered in it). */
        private void sortByTime(int len, long minTime, long maxTime) {
            int bits = 32 - Integer.numberOfLeadingZeros(len);
            if (maxTime - minTime >= 0 && maxTime - minTime < (1L << (62 - bits))) {
                // time and position packed in one long: one primitive sort, no comparator
                for (int p = 0; p < len; p++) {
                    packed[p] = ((times[p] - minTime) << bits) | p;
                }
                Arrays.sort(packed, 0, len);
            } else {
                Integer[] boxed = new Integer[len];
                for (int p = 0; p < len; p++) {
                    boxed[p] = p;
                }
                long[] t = times;
                Arrays.sort(boxed, (a, b) -> t[a] != t[b] ? Long.compare(t[a], t[b]) : Integer.compare(a, b));
                for (int p = 0; p < len; p++) {
                    packed[p] = boxed[p];
                }
                bits = 31;
            }
            long mask = (1L << bits) - 1;
            for (int p = 0; p < len; p++) {
                int from = (int) (packed[p] & mask);
                timesScratch[p] = times[from];
                valuesScratch[p] = values[from];
                atScratch[p] = at[from];
            }
            long[] t = times;
            times = timesScratch;
            timesScratch = t;
            double[] v = values;
            values = valuesScratch;
            valuesScratch = v;
            int[] a = at;
            at = atScratch;
            atScratch = a;
        }
    }
}

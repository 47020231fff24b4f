package org.marketlink.core.features.window;

import org.marketlink.core.HostThreads;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

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
        int[] keyStart = EventOrder.sort(keys, times, order);
        WindowResult out = new WindowResult(n, options.lags());
        int keyCount = keyStart.length - 1;
        long range = options.range().toMillis();
        double halfLife = options.ewmHalfLife().toMillis();
        int chunk = Math.max(1, keyCount / (Runtime.getRuntime().availableProcessors() * 8));
        IntConsumer block = c -> {
            KeyWindow window = new KeyWindow();
            for (int k = c * chunk, end = Math.min(keyCount, (c + 1) * chunk); k < end; k++) {
                window.run(order, keyStart[k], keyStart[k + 1], times, values, range, halfLife, out);
            }
        };
        int blocks = (keyCount + chunk - 1) / chunk;
        if (executor == null) {
            IntStream.range(0, blocks).parallel().forEach(block);
            return out;
        }
        HostThreads.runBlocks(executor, blocks, block, done -> {
        }, "computing window features");
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

        void run(int[] order, int from, int to, long[] times, double[] values, long range, double halfLife,
                 WindowResult out) {
            head = tail = 0;
            minHead = minTail = maxHead = maxTail = 0;
            sum = sumSquares = 0;
            shift = values[order[from]];
            double ewmSum = 0;
            double ewmWeight = 0;
            long previousTime = times[order[from]];
            double decayPerMilli = -Math.log(2) / halfLife;
            int lagCount = out.lags.length;
            for (int p = from; p < to; ) {
                long t = times[order[p]];
                int peersEnd = p;
                while (peersEnd < to && times[order[peersEnd]] == t) {
                    add(t, values[order[peersEnd]]);
                    peersEnd++;
                }
                long oldest = t - range;
                while (time[(int) (head & (time.length - 1))] < oldest) {
                    remove();
                }
                double count = tail - head;
                double mean = sum / count + shift;
                double variance = count > 1 ? (sumSquares - sum * sum / count) / (count - 1) : Double.NaN;
                double stddev = variance > 0 ? Math.sqrt(variance) : variance == variance ? 0 : Double.NaN;
                double min = value[(int) (minQueue[minHead & (minQueue.length - 1)] & (value.length - 1))];
                double max = value[(int) (maxQueue[maxHead & (maxQueue.length - 1)] & (value.length - 1))];
                for (int q = p; q < peersEnd; q++) {
                    int i = order[q];
                    double v = values[i];
                    out.count[i] = count;
                    out.sum[i] = sum + shift * count;
                    out.mean[i] = mean;
                    out.stddev[i] = stddev;
                    out.min[i] = min;
                    out.max[i] = max;
                    double decay = t == previousTime ? 1 : Math.exp((t - previousTime) * decayPerMilli);
                    ewmSum = v + decay * ewmSum;
                    ewmWeight = 1 + decay * ewmWeight;
                    previousTime = t;
                    out.ewm[i] = ewmSum / ewmWeight;
                    double previous = q > from ? values[order[q - 1]] : Double.NaN;
                    out.pctChange[i] = previous != 0 ? (v - previous) / previous : Double.NaN;
                    for (int k = 1; k <= lagCount; k++) {
                        out.lags[k - 1][i] = q - k >= from ? values[order[q - k]] : Double.NaN;
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

    /** Sorting events by key, then time, then input order, with primitive arrays. */
    static final class EventOrder {
        private EventOrder() {
        }

        /**
         * Fills {@code order} with event indices sorted by (key, time, input index).
         *
         * @return the start of each key's run in {@code order}, plus {@code n} at the end (keys without events have
         * empty runs)
         */
        static int[] sort(int[] keys, long[] times, int[] order) {
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
                return sort(remapped, times, order);
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
            // within a key the counting sort kept input order; sort by time where the input was not in time order
            for (int k = 0; k <= maxKey; k++) {
                sortRunByTime(order, start[k], start[k + 1], times);
            }
            return start;
        }

        private static void sortRunByTime(int[] order, int from, int to, long[] times) {
            boolean sorted = true;
            for (int p = from + 1; p < to && sorted; p++) {
                sorted = times[order[p - 1]] <= times[order[p]];
            }
            if (sorted) {
                return;
            }
            // stable: ties keep input order because the index is the tie-breaker
            long[] packed = new long[to - from];
            Integer[] boxed = null;
            long minTime = Long.MAX_VALUE;
            long maxTime = Long.MIN_VALUE;
            for (int p = from; p < to; p++) {
                minTime = Math.min(minTime, times[order[p]]);
                maxTime = Math.max(maxTime, times[order[p]]);
            }
            int bits = 32 - Integer.numberOfLeadingZeros(to - from);
            if (maxTime - minTime >= 0 && maxTime - minTime < (1L << (62 - bits))) {
                for (int p = from; p < to; p++) {
                    packed[p - from] = ((times[order[p]] - minTime) << bits) | (p - from);
                }
                Arrays.sort(packed);
                int[] run = Arrays.copyOfRange(order, from, to);
                for (int p = 0; p < packed.length; p++) {
                    order[from + p] = run[(int) (packed[p] & ((1L << bits) - 1))];
                }
                return;
            }
            boxed = new Integer[to - from];
            for (int p = from; p < to; p++) {
                boxed[p - from] = order[p];
            }
            Arrays.sort(boxed, (a, b) -> times[a] != times[b] ? Long.compare(times[a], times[b])
                    : Integer.compare(a, b));
            for (int p = from; p < to; p++) {
                order[p] = boxed[p - from];
            }
        }
    }
}

package org.marketlink.core.features.window;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TimeWindowFeaturesTest {
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;

    @Test
    void onTheHostsExecutor_theFeaturesAreTheSame() {
        Random r = new Random(5);
        int n = 50_000;
        int[] key = new int[n];
        long[] time = new long[n];
        double[] value = new double[n];
        for (int i = 0; i < n; i++) {
            key[i] = r.nextInt(2_000);
            time[i] = 1_700_000_000_000L + r.nextInt(60) * DAY;
            value[i] = r.nextGaussian() * 10 + 50;
        }
        TimeWindowFeatures f = new TimeWindowFeatures(WindowOptions.of(Duration.ofDays(7)).withLags(2));
        WindowResult expected = f.compute(key, time, value);
        ExecutorService host = Executors.newFixedThreadPool(2);
        try {
            for (Executor executor : List.<Executor>of(host, task -> {
            }, task -> {
                throw new RejectedExecutionException("full");
            })) {
                WindowResult got = f.compute(key, time, value, executor);
                assertThat(got.mean()).containsExactly(expected.mean());
                assertThat(got.stddev()).containsExactly(expected.stddev());
                assertThat(got.lag(2)).containsExactly(expected.lag(2));
            }
        } finally {
            host.shutdownNow();
        }
    }

    @Test
    void everyFeatureEqualsTheSlowDefinitionOnRandomShuffledEventsWithTies() {
        Random r = new Random(17);
        for (int trial = 0; trial < 20; trial++) {
            int n = 200 + r.nextInt(3000);
            int keys = 1 + r.nextInt(40);
            int[] key = new int[n];
            long[] time = new long[n];
            double[] value = new double[n];
            for (int i = 0; i < n; i++) {
                key[i] = r.nextInt(keys) * 3; // gaps in the key space
                time[i] = 1_700_000_000_000L + (long) r.nextInt(90) * DAY / (trial % 2 == 0 ? 1 : 4)
                        + (r.nextBoolean() ? 0 : r.nextInt(24) * HOUR);
                value[i] = trial % 3 == 0 ? 1e6 + r.nextInt(5) : r.nextGaussian() * 10 + 50;
            }
            WindowOptions options = WindowOptions.of(Duration.ofDays(7)).withLags(3)
                    .withEwmHalfLife(Duration.ofDays(2));
            WindowResult got = new TimeWindowFeatures(options).compute(key, time, value);
            SlowWindow slow = new SlowWindow(key, time, value, options);
            for (int i = 0; i < n; i++) {
                double[] e = slow.features(i);
                assertThat(got.count()[i]).as("count %d", i).isEqualTo(e[0]);
                assertThat(got.sum()[i]).as("sum %d", i).isCloseTo(e[1], within(1e-6 * Math.max(1, Math.abs(e[1]))));
                assertThat(got.mean()[i]).isCloseTo(e[2], within(1e-9 * Math.max(1, Math.abs(e[2]))));
                if (Double.isNaN(e[3])) {
                    assertThat(got.stddev()[i]).isNaN();
                } else {
                    assertThat(got.stddev()[i]).as("stddev %d", i).isCloseTo(e[3], within(1e-6));
                }
                assertThat(got.min()[i]).isEqualTo(e[4]);
                assertThat(got.max()[i]).isEqualTo(e[5]);
                assertThat(got.ewm()[i]).as("ewm %d", i).isCloseTo(e[6], within(1e-9 * Math.max(1, Math.abs(e[6]))));
                assertSame(got.pctChange()[i], e[7]);
                for (int k = 1; k <= 3; k++) {
                    assertSame(got.lag(k)[i], e[7 + k]);
                }
            }
            // grouped: the same results bit for bit, one row per event, each key's rows together in time order
            WindowResult grouped = new TimeWindowFeatures(options).computeGrouped(key, time, value, null);
            assertThat(grouped.grouped()).isTrue();
            assertThat(got.grouped()).isFalse();
            int[] events = grouped.events();
            assertThat(Arrays.stream(events).sorted().toArray()).isEqualTo(got.events());
            for (int row = 0; row < n; row++) {
                int i = events[row];
                if (row > 0) {
                    int before = events[row - 1];
                    assertThat(key[before] < key[i] || key[before] == key[i] && time[before] <= time[i])
                            .as("row %d follows row %d", row, row - 1).isTrue();
                }
                assertSame(grouped.count()[row], got.count()[i]);
                assertSame(grouped.sum()[row], got.sum()[i]);
                assertSame(grouped.mean()[row], got.mean()[i]);
                assertSame(grouped.stddev()[row], got.stddev()[i]);
                assertSame(grouped.min()[row], got.min()[i]);
                assertSame(grouped.max()[row], got.max()[i]);
                assertSame(grouped.ewm()[row], got.ewm()[i]);
                assertSame(grouped.pctChange()[row], got.pctChange()[i]);
                for (int k = 1; k <= 3; k++) {
                    assertSame(grouped.lag(k)[row], got.lag(k)[i]);
                }
            }
        }
    }

    @Test
    void edgeCases() {
        TimeWindowFeatures f = new TimeWindowFeatures(WindowOptions.of(Duration.ofDays(7)));
        // one event
        WindowResult one = f.compute(new int[] {5}, new long[] {0}, new double[] {3});
        assertThat(one.count()[0]).isEqualTo(1);
        assertThat(one.stddev()[0]).isNaN();
        assertThat(one.lag(1)[0]).isNaN();
        assertThat(one.pctChange()[0]).isNaN();
        assertThat(one.ewm()[0]).isEqualTo(3);
        // the window includes its lower end exactly (7 days before) and nothing older
        WindowResult edge = f.compute(new int[] {1, 1, 1}, new long[] {0, DAY, 8 * DAY}, new double[] {1, 2, 4});
        assertThat(edge.count()).containsExactly(1, 2, 2);
        assertThat(edge.sum()).containsExactly(1, 3, 6);
        // peers see each other in the window, lags follow input order
        WindowResult peers = f.compute(new int[] {1, 1}, new long[] {DAY, DAY}, new double[] {2, 4});
        assertThat(peers.count()).containsExactly(2, 2);
        assertThat(peers.lag(1)[1]).isEqualTo(2);
        assertThat(peers.pctChange()[1]).isEqualTo(1);
        // previous value 0: no percentage change
        WindowResult zero = f.compute(new int[] {1, 1}, new long[] {0, DAY}, new double[] {0, 4});
        assertThat(zero.pctChange()[1]).isNaN();
        // objects as keys
        WindowResult byName = f.compute(List.of("tomato", "onion", "tomato"), new long[] {0, 0, DAY},
                new double[] {10, 99, 20});
        assertThat(byName.mean()).containsExactly(10, 99, 15);
        // no events at all
        assertThat(f.compute(new int[0], new long[0], new double[0]).size()).isZero();
    }

    @Test
    void aShortWindowOverALongSeriesWrapsItsRingsAndStillAgrees() {
        int n = 3000;
        int[] key = new int[n];
        long[] time = new long[n];
        double[] value = new double[n];
        Random r = new Random(5);
        for (int i = 0; i < n; i++) {
            key[i] = i % 2;
            time[i] = i * HOUR;
            value[i] = i % 500 < 250 ? i : -i + r.nextDouble(); // long rising and falling runs
        }
        WindowOptions options = WindowOptions.of(Duration.ofDays(1));
        WindowResult got = new TimeWindowFeatures(options).compute(key, time, value);
        SlowWindow slow = new SlowWindow(key, time, value, options);
        for (int i = 0; i < n; i += 7) {
            double[] e = slow.features(i);
            assertThat(got.count()[i]).isEqualTo(e[0]);
            assertThat(got.min()[i]).as("min %d", i).isEqualTo(e[4]);
            assertThat(got.max()[i]).as("max %d", i).isEqualTo(e[5]);
            assertThat(got.mean()[i]).isCloseTo(e[2], within(1e-6));
        }
    }

    @Test
    void aLongWindowGrowsItsBufferAndStillAgrees() {
        int n = 5000;
        int[] key = new int[n];
        long[] time = new long[n];
        double[] value = new double[n];
        Random r = new Random(4);
        for (int i = 0; i < n; i++) {
            time[i] = i * HOUR;
            value[i] = r.nextDouble();
        }
        WindowOptions options = WindowOptions.of(Duration.ofDays(100));
        WindowResult got = new TimeWindowFeatures(options).compute(key, time, value);
        SlowWindow slow = new SlowWindow(key, time, value, options);
        for (int i = 0; i < n; i += 97) {
            assertThat(got.count()[i]).isEqualTo(slow.features(i)[0]);
            assertThat(got.min()[i]).isEqualTo(slow.features(i)[4]);
            assertThat(got.max()[i]).isEqualTo(slow.features(i)[5]);
        }
    }

    @Test
    void aWindowOfEqualValuesHasTheirExactMeanAndNoSpread_whateverLeftTheWindowBefore() {
        Random r = new Random(3);
        int n = 4000;
        int[] key = new int[n];
        long[] time = new long[n];
        double[] value = new double[n];
        long day = 86_400_000L;
        for (int i = 0; i < n; i++) {
            // prices in cents for 50 days, then a gap, then 50 days of zeros: running sums keep a residue of the prices
            time[i] = i < n / 2 ? r.nextInt(50) * day : (60 + r.nextInt(50)) * day;
            value[i] = i < n / 2 ? r.nextInt(1_000_000) / 100.0 : 0;
        }
        WindowResult w = new TimeWindowFeatures(WindowOptions.of(Duration.ofDays(7))).compute(key, time, value);
        for (int i = n / 2; i < n; i++) {
            assertThat(w.mean()[i]).as("event %d", i).isEqualTo(0.0);
            assertThat(w.sum()[i]).as("event %d", i).isEqualTo(0.0);
            if (w.count()[i] > 1) {
                assertThat(w.stddev()[i]).as("event %d", i).isEqualTo(0.0);
            }
        }
    }

    @Test
    void badInputIsRejectedNamingTheEvent() {
        TimeWindowFeatures f = new TimeWindowFeatures(WindowOptions.of(Duration.ofDays(7)));
        assertThatThrownBy(() -> f.compute(new int[] {1, 1}, new long[] {0, 1}, new double[] {1, Double.NaN}))
                .hasMessageContaining("value of event 1");
        assertThatThrownBy(() -> f.compute(new int[] {1, -2}, new long[] {0, 1}, new double[] {1, 2}))
                .hasMessageContaining("key of event 1");
        assertThatThrownBy(() -> f.compute(new int[] {1}, new long[] {0, 1}, new double[] {1}))
                .hasMessageContaining("same length");
        assertThatThrownBy(() -> WindowOptions.of(Duration.ZERO)).hasMessageContaining("range");
    }

    private static void assertSame(double actual, double expected) {
        if (Double.isNaN(expected)) {
            assertThat(actual).isNaN();
        } else {
            assertThat(actual).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
        }
    }

    /** The obviously correct version: sort each key's events, scan the whole key for every event. */
    static final class SlowWindow {
        final int[] key;
        final long[] time;
        final double[] value;
        final WindowOptions options;

        SlowWindow(int[] key, long[] time, double[] value, WindowOptions options) {
            this.key = key;
            this.time = time;
            this.value = value;
            this.options = options;
        }

        // count, sum, mean, sd, min, max, ewm, pct, lag1..lagN
        double[] features(int i) {
            List<Integer> events = new ArrayList<>();
            for (int j = 0; j < key.length; j++) {
                if (key[j] == key[i]) {
                    events.add(j);
                }
            }
            events.sort((a, b) -> time[a] != time[b] ? Long.compare(time[a], time[b]) : Integer.compare(a, b));
            long range = options.range().toMillis();
            List<Double> window = new ArrayList<>();
            for (int j : events) {
                if (time[j] >= time[i] - range && time[j] <= time[i]) {
                    window.add(value[j]);
                }
            }
            double sum = 0;
            for (double v : window) {
                sum += v;
            }
            double mean = sum / window.size();
            double ss = 0;
            for (double v : window) {
                ss += (v - mean) * (v - mean);
            }
            double sd = window.size() > 1 ? Math.sqrt(ss / (window.size() - 1)) : Double.NaN;
            int position = events.indexOf(i);
            double weighted = 0;
            double weights = 0;
            double halfLife = options.ewmHalfLife().toMillis();
            for (int p = 0; p <= position; p++) {
                double w = Math.pow(0.5, (time[i] - time[events.get(p)]) / halfLife);
                weighted += w * value[events.get(p)];
                weights += w;
            }
            double[] out = new double[8 + options.lags()];
            out[0] = window.size();
            out[1] = sum;
            out[2] = mean;
            out[3] = sd;
            out[4] = window.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            out[5] = window.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            out[6] = weighted / weights;
            double previous = position > 0 ? value[events.get(position - 1)] : Double.NaN;
            out[7] = previous != 0 && !Double.isNaN(previous) ? (value[i] - previous) / previous : Double.NaN;
            for (int k = 1; k <= options.lags(); k++) {
                out[7 + k] = position - k >= 0 ? value[events.get(position - k)] : Double.NaN;
            }
            return out;
        }
    }
}

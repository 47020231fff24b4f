package org.marketlink.core.features.market;

import org.marketlink.core.features.window.TimeWindowFeatures;
import org.marketlink.core.features.window.WindowOptions;
import org.marketlink.core.features.window.WindowResult;
import org.marketlink.core.model.MarketData;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A product's market price over a trailing window, at every instant it was observed: the design's "7-day market
 * features" (rolling mean, volatility, change) when made {@link #of(Duration) of} seven days.
 *
 * <p>Definitions, for product {@code p} observed at instant {@code t} (by any number of sources, for example one
 * row per market):
 * <ul>
 *   <li>the window is every observation of {@code p} with {@code t - window < observedAt <= t}: seven days ending at
 *       {@code t}, so a weekly observation does not share a window with the week before;</li>
 *   <li>{@code mean}: the mean price of the window;</li>
 *   <li>{@code volatility}: the sample standard deviation of the window's prices (n − 1), NaN for a window of one
 *       observation: prices observed once a week or once a month have no seven-day volatility;</li>
 *   <li>{@code change}: {@code (mean - previousMean) / previousMean}, where {@code previousMean} is the mean at
 *       the product's previous observation instant; NaN at its first instant or when the previous mean is 0.</li>
 * </ul>
 * The window statistics come from {@link TimeWindowFeatures}: primitive columns, one pass per product.
 *
 * <p>Immutable and thread-safe.
 */
public final class MarketFeatures {
    private final Duration window;

    private MarketFeatures(Duration window) {
        this.window = window;
    }

    /**
     * Features over a trailing window of this length.
     *
     * @throws IllegalArgumentException when {@code window} is null or shorter than two milliseconds: the window
     *                                  {@code (t - window, t]} is computed in whole milliseconds, as
     *                                  {@code [t - window + 1 ms, t]}, and that needs a window of at least one
     */
    public static MarketFeatures of(Duration window) {
        if (window == null || window.toMillis() < 2) {
            throw new IllegalArgumentException("window must be at least two milliseconds, was " + window);
        }
        return new MarketFeatures(window);
    }

    /** The design's seven-day features. */
    public static MarketFeatures sevenDays() {
        return of(Duration.ofDays(7));
    }

    /**
     * The features of one product at one observation instant.
     *
     * @param productId    the product
     * @param observedAt   the instant
     * @param observations observations in the window
     * @param mean         mean price of the window
     * @param volatility   sample standard deviation of the window's prices; NaN for one observation
     * @param change       relative change of the mean against the previous instant's; NaN when undefined
     */
    public record Point(UUID productId, Instant observedAt, int observations, double mean, double volatility,
                        double change) {
    }

    /**
     * The features at every distinct (product, instant) of {@code observations}, in any order, sorted by product
     * and then instant.
     *
     * @throws IllegalArgumentException when {@code observations} or one of them is null
     */
    public List<Point> compute(List<MarketData> observations) {
        if (observations == null) {
            throw new IllegalArgumentException("observations must not be null");
        }
        int n = observations.size();
        Map<UUID, Integer> ids = new HashMap<>();
        List<UUID> products = new ArrayList<>();
        int[] keys = new int[n];
        long[] times = new long[n];
        double[] prices = new double[n];
        for (int i = 0; i < n; i++) {
            MarketData m = observations.get(i);
            if (m == null) {
                throw new IllegalArgumentException("observation " + i + " is null");
            }
            keys[i] = ids.computeIfAbsent(m.productId(), k -> {
                products.add(k);
                return products.size() - 1;
            });
            times[i] = m.observedAt().toEpochMilli();
            prices[i] = m.price().doubleValue();
        }
        // the window is closed at both ends; one millisecond less makes it open at its start
        WindowResult w = new TimeWindowFeatures(WindowOptions.of(window.minusMillis(1)).withLags(0))
                .compute(keys, times, prices);
        // every observation of one instant has the same window: keep the first of each (product, instant)
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer, UUID>comparing(i -> products.get(keys[i]))
                .thenComparingLong(i -> times[i]).thenComparingInt(i -> i));
        List<Integer> points = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            int i = order[j];
            int last = points.isEmpty() ? -1 : points.get(points.size() - 1);
            if (last < 0 || keys[last] != keys[i] || times[last] != times[i]) {
                points.add(i);
            }
        }
        double[] count = w.count();
        double[] mean = w.mean();
        double[] stddev = w.stddev();
        List<Point> out = new ArrayList<>(points.size());
        int previous = -1;
        for (int i : points) {
            double before = previous >= 0 && keys[previous] == keys[i] ? mean[previous] : Double.NaN;
            double change = before == before && before != 0 ? (mean[i] - before) / before : Double.NaN;
            out.add(new Point(products.get(keys[i]), Instant.ofEpochMilli(times[i]), (int) count[i], mean[i],
                    stddev[i], change));
            previous = i;
        }
        return out;
    }
}

package org.marketlink.micrometer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.marketlink.core.Checks;
import org.marketlink.store.CacheStatistics;
import org.marketlink.store.MarketStore;

import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * A store's catalog caches as Micrometer's cache meters, tagged {@code cache} ({@code marketlink.shg},
 * {@code marketlink.product}, {@code marketlink.buyer}): {@code cache.gets} (tag {@code result}: {@code hit},
 * {@code miss}), {@code cache.evictions}, {@code cache.size}. The meters read the store's
 * {@link MarketStore#cacheStatistics()} when the registry asks, so they equal it.
 *
 * <p>The connection pool a store makes publishes Hikari's own meters ({@code hikaricp.connections},
 * {@code hikaricp.connections.acquire}, ..., tag {@code pool=marketlink}) when the store is opened with
 * {@link #pool(MeterRegistry)}:
 * {@code MarketStore.connect(connection, options, StoreMetrics.pool(registry))}. A store over the host's own
 * data source leaves its pool's meters to the host. Thread-safe.
 */
public final class StoreMetrics implements MeterBinder {
    private final MarketStore store;

    private StoreMetrics(MarketStore store) {
        this.store = store;
    }

    /**
     * The cache meters of {@code store}; {@link #bindTo} registers them.
     *
     * @param store an open store
     * @return the binder
     */
    public static StoreMetrics of(MarketStore store) {
        return new StoreMetrics(Checks.notNull("store", store));
    }

    /**
     * Sets a pool's metrics tracker to Hikari's Micrometer tracker on {@code registry}: give it to
     * {@code MarketStore.connect} or {@code MarketStore.inMemory}.
     *
     * @param registry the host's registry
     * @return the pool adjustment
     */
    public static Consumer<HikariConfig> pool(MeterRegistry registry) {
        Checks.notNull("registry", registry);
        return config -> config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String cache : store.cacheStatistics().keySet()) {
            String name = "marketlink." + cache;
            FunctionCounter.builder("cache.gets", store, s -> stat(s, cache, CacheStatistics::hits))
                    .tag("cache", name).tag("result", "hit").description("look-ups answered from the cache")
                    .register(registry);
            FunctionCounter.builder("cache.gets", store, s -> stat(s, cache, CacheStatistics::misses))
                    .tag("cache", name).tag("result", "miss").description("look-ups that went to the database")
                    .register(registry);
            FunctionCounter.builder("cache.evictions", store, s -> stat(s, cache, CacheStatistics::evictions))
                    .tag("cache", name).description("entries dropped for size or age").register(registry);
            Gauge.builder("cache.size", store, s -> stat(s, cache, CacheStatistics::size)).tag("cache", name)
                    .description("entries held (an estimate)").register(registry);
        }
    }

    private static double stat(MarketStore store, String cache, ToDoubleFunction<CacheStatistics> figure) {
        CacheStatistics s = store.cacheStatistics().get(cache);
        return s == null ? Double.NaN : figure.applyAsDouble(s);
    }
}

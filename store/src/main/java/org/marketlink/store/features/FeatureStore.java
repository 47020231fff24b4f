package org.marketlink.store.features;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.marketlink.core.UnableToReadException;
import org.marketlink.core.UnableToWriteException;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.Sink;
import org.marketlink.core.pipeline.Stage;
import org.marketlink.core.privacy.Masking;
import org.marketlink.store.CacheStatistics;
import org.marketlink.store.MarketStore;
import org.marketlink.store.internal.Args;
import org.marketlink.store.internal.DatabaseErrors;
import org.marketlink.store.internal.Rows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Feature values by entity key and event time, in the store's {@code feature_values} table (PostgreSQL or H2).
 *
 * <ul>
 *   <li>{@link #materialize}: compute a feature set over a batch of inputs (for example a pipeline run's output) and
 *       write every value in one transaction, stamped with the run id;</li>
 *   <li>{@link #pointInTime}: for (entity, time) pairs, the latest value of each feature stamped at or before that
 *       time, never after: the way to build a training set without leaking the future into it;</li>
 *   <li>{@link #latest}: the newest values of one entity for online scoring, through a Caffeine cache that writes
 *       through this store invalidate.</li>
 * </ul>
 * Writing a value again for the same entity, feature version and time replaces it. Thread-safe.
 */
public final class FeatureStore {
    private static final List<String> COLUMNS = List.of("entity", "entity_key", "feature", "version", "event_time",
            "feature_value", "run_id");
    private static final List<String> KEY = List.of("entity", "feature", "version", "entity_key", "event_time");
    private static final int KEYS_PER_QUERY = 500;

    private final MarketStore store;
    private final String upsert;
    private final Cache<LatestKey, double[]> latest;
    /** Held here so that the store's weak reference to it lives as long as this feature store. */
    private final Runnable invalidate;
    // the cached keys of each entity, so that a write invalidates exactly its entities' entries
    private final ConcurrentHashMap<EntityKey, Set<LatestKey>> cachedByEntity =
            new ConcurrentHashMap<>();

    private record LatestKey(String entity, List<String> features, String entityKey) {
        EntityKey owner() {
            return new EntityKey(entity, entityKey);
        }
    }

    private record EntityKey(String entity, String entityKey) {
    }

    /** A feature store over {@code store}, caching up to 100,000 online values for 10 minutes. */
    public static FeatureStore of(MarketStore store) {
        return new FeatureStore(store);
    }

    /**
     * A feature store over {@code store} whose online look-up caches up to {@code cacheSize} values for
     * {@code cacheTtl}.
     */
    public static FeatureStore of(MarketStore store, long cacheSize, Duration cacheTtl) {
        return new FeatureStore(store, cacheSize, cacheTtl);
    }

    /** A feature store on {@code store}, caching up to 100,000 entities' latest values for 10 minutes. */
    private FeatureStore(MarketStore store) {
        this(store, 100_000, Duration.ofMinutes(10));
    }

    private FeatureStore(MarketStore store, long cacheSize, Duration cacheTtl) {
        if (store == null || cacheTtl == null || cacheSize < 0) {
            throw new IllegalArgumentException("store and cacheTtl are required and cacheSize must be ≥ 0");
        }
        this.store = store;
        this.upsert = store.dialect().mergeOnKey("feature_values", COLUMNS, KEY);
        this.latest = Caffeine.newBuilder().maximumSize(cacheSize).expireAfterWrite(cacheTtl).recordStats()
                .executor(Runnable::run)
                .<LatestKey, double[]>removalListener((key, value, cause) -> forget(key)).build();
        // an erase (or a host that wrote behind the store's back) empties the store's caches, and this one with them
        this.invalidate = latest::invalidateAll;
        store.onInvalidateCaches(invalidate);
    }

    /**
     * Computes every feature of {@code set} for every input and writes the values.
     *
     * @param key       the entity key of an input
     * @param eventTime the time the input's values hold from
     * @param runId     the pipeline run that produced the inputs (lineage), may be null
     * @return values written
     * @throws IllegalArgumentException when a function throws or returns an infinite value (naming feature and
     *                                  entity); nothing is written then
     */
    public <T> int materialize(FeatureSet<T> set, List<T> inputs, Function<T, String> key,
                               Function<T, Instant> eventTime, String runId) {
        List<String> keys = new ArrayList<>(inputs.size());
        List<Instant> times = new ArrayList<>(inputs.size());
        double[][] values = new double[inputs.size()][set.features().size()];
        for (int i = 0; i < inputs.size(); i++) {
            T input = inputs.get(i);
            String k = key.apply(input);
            keys.add(k);
            times.add(eventTime.apply(input));
            for (int j = 0; j < set.features().size(); j++) {
                FeatureDefinition<T> f = set.features().get(j);
                try {
                    values[i][j] = f.function().applyAsDouble(input);
                } catch (RuntimeException e) {
                    // the function's message may quote its input: withheld when the input holds personal data
                    throw new IllegalArgumentException("feature " + f.key() + " failed for " + set.entity() + " '" + k
                            + "' (input " + i + "): " + why(input, e), e);
                }
            }
        }
        return write(set, keys, times, values, runId);
    }

    /** What a feature function's exception says, withheld when the input holds personal data (it may quote it). */
    private static String why(Object input, RuntimeException e) {
        return Masking.mayHoldPersonal(input) ? e.getClass().getName()
                + " (its message is withheld: the input holds personal data)" : String.valueOf(e);
    }

    /** The longest entity key the {@code feature_values} table keeps. */
    public static final int MAX_KEY_LENGTH = 200;

    /**
     * A pipeline sink that materialises {@code set} for each chunk of rows, stamping the values with the run's id.
     * Writing a chunk again (the runner retries failed chunks) writes the same values over themselves.
     *
     * <p>Its {@link Sink#admission() admission} stage quarantines an input the store could not take, instead of
     * failing its chunk and with it the run: {@code NO_KEY} (the key is null or blank), {@code KEY_TOO_LONG} (over
     * {@value #MAX_KEY_LENGTH} characters), {@code NO_EVENT_TIME}, {@code FEATURE_FAILED} (a feature's function threw)
     * and {@code FEATURE_INFINITE}, each naming the feature where one is at fault. The stage computes the features
     * once more than the write does: a cost the database write of every value outweighs.
     */
    public <T> Sink<T> sink(FeatureSet<T> set, Function<T, String> key, Function<T, Instant> eventTime) {
        return new Sink<>() {
            @Override
            public String name() {
                return "feature_values:" + set.name();
            }

            @Override
            public void write(ChunkKey chunk, List<T> rows) {
                materialize(set, rows, key, eventTime, chunk.runId());
            }

            @Override
            public Optional<Stage<T, T>> admission() {
                return Optional.of((input, out) -> {
                    String k = key.apply(input);
                    if (k == null || k.isBlank()) {
                        out.reject("NO_KEY", "", set.entity() + " key is missing");
                        return;
                    }
                    if (k.length() > MAX_KEY_LENGTH) {
                        out.reject("KEY_TOO_LONG", "", set.entity() + " key has " + k.length() + " characters, more "
                                + "than the " + MAX_KEY_LENGTH + " the feature store keeps");
                        return;
                    }
                    if (eventTime.apply(input) == null) {
                        out.reject("NO_EVENT_TIME", "", set.entity() + " '" + k + "' has no event time");
                        return;
                    }
                    for (FeatureDefinition<T> f : set.features()) {
                        double v;
                        try {
                            v = f.function().applyAsDouble(input);
                        } catch (RuntimeException e) {
                            out.reject("FEATURE_FAILED", f.name(), "feature " + f.key() + " failed for "
                                    + set.entity() + " '" + k + "': " + why(input, e));
                            return;
                        }
                        if (Double.isInfinite(v)) {
                            out.reject("FEATURE_INFINITE", f.name(), "feature " + f.key() + " of " + set.entity()
                                    + " '" + k + "' is infinite");
                            return;
                        }
                    }
                    out.emit(input);
                });
            }
        };
    }

    /**
     * Writes precomputed values: row {@code i} holds the set's features for {@code keys[i]} at {@code times[i]}. NaN
     * is stored as no value.
     *
     * @return values written
     */
    public int write(FeatureSet<?> set, List<String> keys, List<Instant> times, double[][] values, String runId) {
        if (keys.size() != times.size() || keys.size() != values.length) {
            throw new IllegalArgumentException("keys, times and values must have the same length, were "
                    + keys.size() + ", " + times.size() + ", " + values.length);
        }
        int width = set.features().size();
        for (int i = 0; i < values.length; i++) {
            if (keys.get(i) == null || keys.get(i).isBlank() || times.get(i) == null) {
                throw new IllegalArgumentException("row " + i + " needs an entity key and an event time, had '"
                        + keys.get(i) + "', " + times.get(i));
            }
            if (values[i].length != width) {
                throw new IllegalArgumentException("row " + i + " has " + values[i].length + " values, the set "
                        + set.name() + " " + width);
            }
            for (int j = 0; j < width; j++) {
                if (Double.isInfinite(values[i][j])) {
                    throw new IllegalArgumentException("feature " + set.features().get(j).key() + " of " + set.entity()
                            + " '" + keys.get(i) + "' is infinite");
                }
            }
        }
        int written;
        try {
            written = store.jdbi().inTransaction(h -> {
            PreparedBatch batch = h.prepareBatch(upsert);
            int n = 0;
            for (int i = 0; i < values.length; i++) {
                for (int j = 0; j < width; j++) {
                    FeatureDefinition<?> f = set.features().get(j);
                    double v = values[i][j];
                    batch.bind("entity", set.entity()).bind("entity_key", keys.get(i)).bind("feature", f.name())
                            .bind("version", f.version()).bind("event_time", Args.timestamp(times.get(i)))
                            .bind("feature_value", Double.isNaN(v) ? null : v).bind("run_id", runId).add();
                    n++;
                }
            }
            if (n > 0) {
                batch.execute();
            }
            return n;
        });
        } catch (JdbiException e) {
            throw new UnableToWriteException("could not write " + values.length + " rows of feature set "
                    + set.name() + ": " + DatabaseErrors.describe(e), DatabaseErrors.withheld(e));
        }
        for (String key : new LinkedHashSet<>(keys)) {
            Set<LatestKey> cached = cachedByEntity.get(new EntityKey(set.entity(), key));
            if (cached != null) {
                latest.invalidateAll(List.copyOf(cached));
            }
        }
        return written;
    }

    /**
     * For each request, the latest value of each feature stamped at or before the request's time. A value stamped
     * even a microsecond after it is never returned.
     */
    public FeatureMatrix pointInTime(FeatureSet<?> set, List<EntityTime> requests) {
        Map<String, Series[]> history = load(set, requests.stream().map(EntityTime::entityKey).distinct().toList(),
                requests.stream().map(EntityTime::at).max(Instant::compareTo).orElse(Instant.EPOCH));
        int width = set.features().size();
        double[][] out = new double[requests.size()][width];
        for (int i = 0; i < requests.size(); i++) {
            EntityTime r = requests.get(i);
            Series[] series = history.get(r.entityKey());
            long at = micros(r.at());
            for (int j = 0; j < width; j++) {
                out[i][j] = series == null || series[j] == null ? Double.NaN : series[j].asOf(at);
            }
        }
        return new FeatureMatrix(set.keys(), out);
    }

    /** The newest value of each feature of one entity (NaN where it has none), cached. */
    public double[] latest(FeatureSet<?> set, String entityKey) {
        LatestKey key = new LatestKey(set.entity(), set.keys(), entityKey);
        double[] values = latest.get(key, k -> {
            Series[] series = load(set, List.of(entityKey), Instant.MAX).get(entityKey);
            double[] v = new double[set.features().size()];
            for (int j = 0; j < v.length; j++) {
                v[j] = series == null || series[j] == null ? Double.NaN : series[j].asOf(Long.MAX_VALUE);
            }
            return v;
        });
        cachedByEntity.computeIfAbsent(key.owner(), e -> ConcurrentHashMap.newKeySet()).add(key);
        return values.clone();
    }

    // a key loaded again since its removal stays indexed
    private void forget(LatestKey key) {
        if (key != null && !latest.asMap().containsKey(key)) {
            cachedByEntity.computeIfPresent(key.owner(), (e, keys) -> {
                keys.remove(key);
                return keys.isEmpty() ? null : keys;
            });
        }
    }

    /** Hits and misses of the online cache. */
    public CacheStatistics cacheStatistics() {
        var s = latest.stats();
        return new CacheStatistics(s.hitCount(), s.missCount(), s.evictionCount(), latest.estimatedSize());
    }

    /** One feature's values of one entity, by time. */
    private static final class Series {
        long[] times = new long[4];
        double[] values = new double[4];
        int size;

        void add(long t, double v) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            times[size] = t;
            values[size++] = v;
        }

        // latest value at or before t (rows arrive ordered by time)
        double asOf(long t) {
            int lo = 0;
            int hi = size - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (times[mid] <= t) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found < 0 ? Double.NaN : values[found];
        }
    }

    private Map<String, Series[]> load(FeatureSet<?> set, List<String> keys, Instant until) {
        Map<String, Integer> column = new HashMap<>();
        for (int j = 0; j < set.features().size(); j++) {
            column.put(set.features().get(j).key(), j);
        }
        List<String> names = set.features().stream().map(FeatureDefinition::name).distinct().toList();
        Map<String, Series[]> out = new HashMap<>();
        for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY));
            try {
                store.jdbi().useHandle(h -> {
                    var query = h.createQuery("SELECT entity_key, feature, version, event_time, feature_value "
                            + "FROM feature_values WHERE entity = :entity AND entity_key IN (<keys>) "
                            + "AND feature IN (<names>)" + (until.equals(Instant.MAX) ? "" : " AND event_time <= :until")
                            + " ORDER BY entity_key, feature, version, event_time")
                            .bind("entity", set.entity()).bindList("keys", chunk).bindList("names", names);
                    if (!until.equals(Instant.MAX)) {
                        query.bind("until", Args.timestamp(until));
                    }
                    query.map((rs, ctx) -> {
                        Integer j = column.get(rs.getString("feature") + "@v" + rs.getInt("version"));
                        if (j != null) {
                            Series[] series = out.computeIfAbsent(rs.getString("entity_key"),
                                    k -> new Series[set.features().size()]);
                            if (series[j] == null) {
                                series[j] = new Series();
                            }
                            double v = rs.getDouble("feature_value");
                            boolean missing = rs.wasNull(); // before any other column is read
                            series[j].add(micros(Rows.instant(rs, "event_time")), missing ? Double.NaN : v);
                        }
                        return 0;
                    }).list();
                });
            } catch (JdbiException e) {
                throw new UnableToReadException("could not read feature set " + set.name() + ": "
                        + DatabaseErrors.describe(e), DatabaseErrors.withheld(e));
            }
        }
        return out;
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}

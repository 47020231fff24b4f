package org.marketlink.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.marketlink.core.Checks;
import org.marketlink.core.UnableToConnectException;
import org.marketlink.core.data.Schema;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;
import org.marketlink.store.crypto.FieldCipher;
import org.marketlink.store.crypto.Sealed;
import org.marketlink.store.internal.EntityCache;
import org.marketlink.store.internal.HandleConnection;
import org.marketlink.store.internal.JoiningTransactionHandler;
import org.marketlink.store.internal.SchemaScopedDataSource;
import org.marketlink.store.internal.Sql;
import org.marketlink.store.internal.StoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The entry point to MarketLink's storage: one repository per entity over a pooled database, with the schema
 * migrated on open.
 *
 * <pre>{@code
 * try (MarketStore store = MarketStore.embedded(Path.of("marketlink-data"))) {
 *     store.shgs().upsertAll(groups);
 *     Optional<Product> p = store.products().findById(id);
 * }
 * }</pre>
 *
 * <p>Open it with {@link #embedded(Path)} (an H2 file, nothing to install), {@link #inMemory()} (a throwaway H2
 * database for tests), {@link #connect(ConnectionOptions)} (PostgreSQL through HikariCP) or
 * {@link #fromDataSource(DataSource, StoreOptions)} (a pool the host owns).
 *
 * <p>Thread-safe: share one instance across the application. {@link #close()} releases the pool if this store
 * created it.
 */
public final class MarketStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MarketStore.class);
    private static final String MIGRATIONS = "classpath:org/marketlink/store/migration";
    /** MarketLink's Flyway history table, in the store's schema; never the host's {@code flyway_schema_history}. */
    public static final String HISTORY_TABLE = "marketlink_schema_history";

    private final DataSource dataSource;
    private final HikariDataSource ownedPool;
    private final Dialect dialect;
    private final Jdbi jdbi;
    private final EntityCache<Shg> shgCache;
    private final EntityCache<Product> productCache;
    private final EntityCache<Buyer> buyerCache;
    private final ShgRepository shgs;
    private final ProductRepository products;
    private final BuyerRepository buyers;
    private final MatchRepository matches;
    private final OrderRepository orders;
    private final MarketDataRepository marketData;
    private final OrderRatingRepository ratings;
    private final OrderReturnRepository returns;
    private final PricingHistoryRepository pricingHistory;
    private final DemandForecastRepository forecasts;
    private final QuarantineRepository quarantine;
    private final LineageRepository lineage;
    private final StoreContext context;
    private final List<WeakReference<Runnable>> cacheListeners = new CopyOnWriteArrayList<>();
    private final boolean joinsHostTransactions;
    private final StoreOptions options;
    /** What {@link #close} runs on an embedded database once the pool is closed, or null for a server's. */
    private String closeStatement;
    /** The embedded database's URL, for that statement's own connection. */
    private String closeUrl;

    private MarketStore(DataSource hostDataSource, HikariDataSource ownedPool, StoreOptions options) {
        this(hostDataSource, ownedPool, options, false);
    }

    /**
     * @param joins whether writes join a transaction the host has open on the connection (then each write is tried
     *              once, the retry being the host's to make, and the catalog caches are off: a host's rollback
     *              would leave them holding rows that never committed)
     */
    private MarketStore(DataSource hostDataSource, HikariDataSource ownedPool, StoreOptions requested,
                        boolean joins) {
        StoreOptions options = joins ? new StoreOptions(requested.keyProvider(), 0, requested.cacheExpireAfterWrite(),
                1, requested.migrate(), requested.bulkBatchSize(), requested.schema()) : requested;
        this.joinsHostTransactions = joins;
        this.options = options;
        this.ownedPool = ownedPool;
        try {
            this.dialect = detect(hostDataSource);
            if (options.migrate()) {
                migrate(hostDataSource, dialect, options.schema());
            }
        } catch (RuntimeException e) {
            if (ownedPool != null) {
                ownedPool.close();
            }
            throw e;
        }
        this.dataSource = new SchemaScopedDataSource(hostDataSource, options.schema(), dialect, ownedPool == null);
        this.jdbi = Jdbi.create(dataSource);
        if (joins) {
            jdbi.setTransactionHandler(new JoiningTransactionHandler(jdbi.getTransactionHandler()));
            // a handle closed inside the host's transaction leaves it to the host
            jdbi.getConfig(Handles.class).setForceEndTransactions(false);
        }
        StoreContext ctx = new StoreContext(new Sql(jdbi, options.writeAttempts()), dialect,
                new FieldCipher(options.keyProvider()), options);
        this.shgCache = new EntityCache<>(options.cacheMaximumSize(), options.cacheExpireAfterWrite());
        this.productCache = new EntityCache<>(options.cacheMaximumSize(), options.cacheExpireAfterWrite());
        this.buyerCache = new EntityCache<>(options.cacheMaximumSize(), options.cacheExpireAfterWrite());
        this.shgs = new ShgRepository(ctx, shgCache);
        this.products = new ProductRepository(ctx, productCache);
        this.buyers = new BuyerRepository(ctx, buyerCache);
        this.matches = new MatchRepository(ctx);
        this.orders = new OrderRepository(ctx);
        this.marketData = new MarketDataRepository(ctx);
        this.ratings = new OrderRatingRepository(ctx);
        this.returns = new OrderReturnRepository(ctx);
        this.pricingHistory = new PricingHistoryRepository(ctx);
        this.forecasts = new DemandForecastRepository(ctx);
        this.quarantine = new QuarantineRepository(ctx);
        this.lineage = new LineageRepository(ctx);
        this.context = ctx;
        // never the URL: it may hold credentials
        LOG.info("MarketLink store open on {} in schema {} through {}", dialect, options.schema(),
                ownedPool != null ? "its own pool of " + ownedPool.getMaximumPoolSize() + " connections"
                        : "the host's data source");
    }

    /** An H2 database in files under {@code directory} (created if missing), with default options. */
    public static MarketStore embedded(Path directory) {
        return embedded(directory, StoreOptions.defaults());
    }

    /** An H2 database in files under {@code directory} (created if missing). */
    public static MarketStore embedded(Path directory, StoreOptions options) {
        Checks.notNull("directory", directory);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UnableToConnectException("could not create the database directory " + directory, e);
        }
        String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("marketlink") + h2Settings();
        MarketStore store = open(ConnectionOptions.of(url, "sa", ""), options, config -> {
        });
        // H2 appends changed pages and reclaims the space only when asked: without this a day of upserts leaves a
        // file ten times the size of its data (430 MB for 37 MB after the main job)
        store.closeStatement = "SHUTDOWN COMPACT";
        store.closeUrl = url;
        return store;
    }

    /** A new, empty, migrated H2 database in memory; it disappears when the store is closed. */
    public static MarketStore inMemory() {
        return inMemory(StoreOptions.defaults());
    }

    /** A new, empty, migrated H2 database in memory with these options. */
    public static MarketStore inMemory(StoreOptions options) {
        return inMemory(options, config -> {
        });
    }

    /**
     * A new, empty, migrated H2 database in memory whose pool {@code pool} may adjust before it starts (see
     * {@link #connect(ConnectionOptions, StoreOptions, Consumer)}).
     *
     * @param options how the store behaves
     * @param pool    called once with the pool's configuration
     * @return the open store
     */
    public static MarketStore inMemory(StoreOptions options, Consumer<HikariConfig> pool) {
        Checks.notNull("pool", pool);
        String url = "jdbc:h2:mem:marketlink-" + UUID.randomUUID() + h2Settings() + ";DB_CLOSE_DELAY=-1";
        MarketStore store = open(ConnectionOptions.of(url, "sa", ""), options, pool);
        // DB_CLOSE_DELAY=-1 keeps the database while the pool's connections come and go; it is dropped on close
        store.closeStatement = "SHUTDOWN";
        store.closeUrl = url;
        return store;
    }

    /** A database server (PostgreSQL, or H2 by URL) through a new HikariCP pool, with default options. */
    public static MarketStore connect(ConnectionOptions connection) {
        return connect(connection, StoreOptions.defaults());
    }

    /** A database server through a new HikariCP pool. */
    public static MarketStore connect(ConnectionOptions connection, StoreOptions options) {
        return open(connection, options, config -> {
        });
    }

    /**
     * A database server through a new HikariCP pool that {@code pool} may adjust before it starts: metrics in the
     * host's registry ({@code config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry))}, or
     * {@code StoreMetrics.pool(registry)} of {@code marketlink-micrometer}), health checks, driver properties. The
     * pool is named {@code marketlink} unless {@code pool} names it.
     *
     * @param connection where and how to connect
     * @param options    how the store behaves
     * @param pool       called once with the pool's configuration, before the pool starts
     * @return the open store
     */
    public static MarketStore connect(ConnectionOptions connection, StoreOptions options, Consumer<HikariConfig> pool) {
        Checks.notNull("pool", pool);
        return open(connection, options, pool);
    }

    /**
     * A database behind a pool the host owns; {@link #close()} leaves it open. The dialect is read from the
     * connection's metadata.
     */
    public static MarketStore fromDataSource(DataSource dataSource, StoreOptions options) {
        Checks.notNull("dataSource", dataSource);
        Checks.notNull("options", options);
        return new MarketStore(dataSource, null, options);
    }

    /**
     * A store whose writes take part in the host's transactions: a write made while the connection that
     * {@code dataSource} hands out is inside a transaction joins it (no commit, no rollback of MarketLink's own),
     * so the host's commit or rollback decides for both; outside one, each write commits on its own as usual. For
     * Spring, give it {@code new TransactionAwareDataSourceProxy(dataSource)}: inside {@code @Transactional} (or a
     * {@code TransactionTemplate}) its connections are the transaction's. Each write is tried once (a retry is the
     * host's to make: its transaction may be aborted) and the catalog caches are off (a host's rollback would leave
     * them holding rows that never committed). {@link #close()} leaves the data source open.
     *
     * @param dataSource the host's data source, handing out the transaction's connection inside one
     * @param options    how the store behaves (its cache size and write attempts are overridden as said)
     * @return the store
     */
    public static MarketStore joiningHostTransactions(DataSource dataSource, StoreOptions options) {
        Checks.notNull("dataSource", dataSource);
        Checks.notNull("options", options);
        return new MarketStore(dataSource, null, options, true);
    }

    /**
     * This store, working through a Jdbi handle the host holds: writes made through the view join the transaction
     * the host has begun on the handle ({@code handle.begin()} or {@code jdbi.useTransaction}), so the host's
     * {@code commit()} or {@code rollback()} decides for them. The view runs no migration (this store has), tries
     * each write once and caches nothing; closing it leaves the handle open. Use it on the handle's thread, while
     * the handle is open.
     *
     * @param handle an open handle on the same database as this store
     * @return a view of this store on the handle's connection
     */
    public MarketStore joining(Handle handle) {
        Checks.notNull("handle", handle);
        return new MarketStore(new HandleConnection(handle), null, options.withMigrate(false), true);
    }

    /** Whether this store's writes join the host's transactions ({@link #joiningHostTransactions}, {@link #joining}). */
    public boolean joinsHostTransactions() {
        return joinsHostTransactions;
    }

    private static String h2Settings() {
        return ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000";
    }

    private static MarketStore open(ConnectionOptions connection, StoreOptions options, Consumer<HikariConfig> adjust) {
        Checks.notNull("connection", connection);
        Checks.notNull("options", options);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(connection.url());
        config.setUsername(connection.user());
        config.setPassword(connection.password());
        config.setMaximumPoolSize(connection.poolSize());
        config.setConnectionTimeout(connection.connectionTimeout().toMillis());
        config.setIdleTimeout(connection.idleTimeout().toMillis());
        config.setMaxLifetime(connection.maxLifetime().toMillis());
        config.setPoolName("marketlink");
        adjust.accept(config);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            // neither the URL nor the driver's message may carry the password out
            throw new UnableToConnectException("could not connect to " + connection.redactedUrl() + ": "
                    + connection.redact(e.getMessage()), e);
        }
        return new MarketStore(pool, pool, options);
    }

    private static Dialect detect(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return Dialect.detect(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new UnableToConnectException("could not open a connection: " + e.getMessage(), e);
        }
    }

    private static void migrate(DataSource dataSource, Dialect dialect, String schema) {
        try {
            var result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations(MIGRATIONS)
                    .placeholders(dialect.migrationPlaceholders())
                    // a guest in the host's database: its own schema and history table, so that neither the
                    // host's tables nor the host's own Flyway history are ever read or validated as ours
                    .schemas(schema)
                    .defaultSchema(schema)
                    .createSchemas(true)
                    .table(HISTORY_TABLE)
                    // a schema the host shares with us may already hold the host's tables: start from nothing
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("migrated the MarketLink schema to version {} ({} migrations)", result.targetSchemaVersion,
                        result.migrationsExecuted);
            }
        } catch (FlywayException e) {
            throw new UnableToConnectException("could not migrate the MarketLink schema: " + e.getMessage(), e);
        }
    }

    /** The producer groups. */
    public ShgRepository shgs() {
        return shgs;
    }

    /** The products. */
    public ProductRepository products() {
        return products;
    }

    /** The buyers. */
    public BuyerRepository buyers() {
        return buyers;
    }

    /** The matches between groups and buyers. */
    public MatchRepository matches() {
        return matches;
    }

    /** The orders and their lines. */
    public OrderRepository orders() {
        return orders;
    }

    /** The buyers' ratings of their orders. */
    public OrderRatingRepository ratings() {
        return ratings;
    }

    /** The units buyers sent back from their orders. */
    public OrderReturnRepository returns() {
        return returns;
    }

    /** The market observations (prices and demand over time). */
    public MarketDataRepository marketData() {
        return marketData;
    }

    /** The daily sales per product. */
    public PricingHistoryRepository pricingHistory() {
        return pricingHistory;
    }

    /** The demand forecasts. */
    public DemandForecastRepository forecasts() {
        return forecasts;
    }

    /** Quarantined rows of pipeline runs. */
    public QuarantineRepository quarantine() {
        return quarantine;
    }

    /** Lineage of pipeline runs. */
    public LineageRepository lineage() {
        return lineage;
    }

    /**
     * A sink that upserts rows of {@code schema} into an existing {@code table} on {@code keyColumns}, each chunk
     * in its own transaction; in a run whose quarantine is this store's {@link #quarantine()}, a chunk's rows and
     * its rejections go in one transaction, so a chunk is never half written. The table and every field name are checked against the database's own column list
     * before anything is written; identifiers never come from data.
     */
    public TableSink tableSink(String table, Schema schema, List<String> keyColumns) {
        return TableSink.create(context, quarantine, table, schema, keyColumns, Set.of());
    }

    /**
     * A {@link #tableSink} that stores the named STRING columns as AES-256-GCM ciphertext (a binary column) with the
     * id of the sealing key in {@code <column>_key_id} beside it, for example the columns a catalog marks encrypted.
     * Read them back with {@link #decrypt}.
     *
     * @throws IllegalArgumentException when a column is not a STRING field, is a key column, or has no key-id column
     */
    public TableSink tableSink(String table, Schema schema, List<String> keyColumns,
                               Set<String> encryptedColumns) {
        return TableSink.create(context, quarantine, table, schema, keyColumns, encryptedColumns);
    }

    /**
     * The plaintext of a value a table sink encrypted.
     *
     * @throws org.marketlink.store.crypto.UnableToDecryptException when the key provider does not know the key, or the
     *                                                              ciphertext was altered or moved to another column
     */
    public String decrypt(String table, String column, String keyId, byte[] ciphertext) {
        return context.cipher().openText(TableSink.sealedField(table.toLowerCase(Locale.ROOT),
                column.toLowerCase(Locale.ROOT)), new Sealed(keyId, ciphertext));
    }

    /** The SQL dialect in use. */
    public Dialect dialect() {
        return dialect;
    }

    /** The Jdbi instance over the store's pool, for host queries beyond the repositories. */
    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * The data source the store uses: the host's (or the store's own pool), with each connection pointed at the
     * store's schema ({@link StoreOptions#schema()}) while it is borrowed, so that the store's tables can be named
     * without a schema.
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Hit and miss counts of the catalog caches, keyed {@code shg}, {@code product}, {@code buyer}. */
    public Map<String, CacheStatistics> cacheStatistics() {
        Map<String, CacheStatistics> stats = new LinkedHashMap<>();
        stats.put("shg", shgCache.statistics());
        stats.put("product", productCache.statistics());
        stats.put("buyer", buyerCache.statistics());
        return Map.copyOf(stats);
    }

    /** Drops every cached entity, for hosts that changed the tables behind the store's back. */
    public void invalidateCaches() {
        shgCache.invalidateAll();
        productCache.invalidateAll();
        buyerCache.invalidateAll();
        for (WeakReference<Runnable> ref : cacheListeners) {
            Runnable invalidate = ref.get();
            if (invalidate == null) {
                cacheListeners.remove(ref);
            } else {
                invalidate.run();
            }
        }
    }

    /**
     * Registers a cache of data read from this store (a feature store's online values) to be emptied with
     * {@link #invalidateCaches()}, so that an erase or a host's own writes are not served from it. Held weakly:
     * the owner keeps {@code invalidate} reachable for as long as its cache lives.
     */
    public void onInvalidateCaches(Runnable invalidate) {
        Checks.notNull("invalidate", invalidate);
        cacheListeners.add(new WeakReference<>(invalidate));
    }

    /**
     * Closes the pool this store made; a host's data source is left to the host. An embedded database is compacted
     * and shut down first (a few seconds for a large one), and an in-memory one dropped: so do not open one directory
     * as two stores at once. Closing twice does nothing.
     */
    @Override
    public void close() {
        if (ownedPool == null || ownedPool.isClosed()) {
            return;
        }
        ownedPool.close();
        if (closeStatement != null) {
            // on a connection of its own, after the pool's are gone: a pooled one would be handed back dead
            try (Connection c = DriverManager.getConnection(closeUrl, "sa", ""); Statement st = c.createStatement()) {
                st.execute(closeStatement);
            } catch (SQLException e) {
                LOG.warn("could not run {} on the embedded database: {}", closeStatement, e.getMessage());
            }
        }
    }
}

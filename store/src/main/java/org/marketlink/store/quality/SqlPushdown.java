package org.marketlink.store.quality;

import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.sql.Pushdown;
import org.marketlink.store.MarketStore;

import java.util.Set;

/**
 * {@link Pushdown} on a table of the store's own schema: the same queries, through the store's connections. A host
 * without a store uses {@code Pushdown.on(dataSource)} directly, on any JDBC database.
 *
 * <p>Thread-safe (stateless).
 */
public final class SqlPushdown {

    private SqlPushdown() {
    }

    /**
     * Runs {@code suite} on {@code table} in {@code store}'s database, as {@link Pushdown#run} does.
     *
     * @throws IllegalArgumentException if there is no such table
     */
    public static SuiteResult run(Suite suite, MarketStore store, String table) {
        return Pushdown.on(store.dataSource()).run(suite, table);
    }

    /**
     * The distinct present values of {@code table.column}, for {@link org.marketlink.quality.rules.Rules#references}
     * against a table of the store, as {@link Pushdown#keys} reads them.
     */
    public static Set<Object> keys(MarketStore store, String table, String column) {
        return Pushdown.on(store.dataSource()).keys(table, column);
    }
}

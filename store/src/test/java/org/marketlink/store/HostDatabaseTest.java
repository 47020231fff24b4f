package org.marketlink.store;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.model.Shg;
import org.marketlink.testing.Samples;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store is a guest in a database that already has a host: the host's tables (named as MarketLink's are) and
 * the host's own Flyway history, migrated before or after the store, on H2 and on PostgreSQL.
 */
class HostDatabaseTest {

    private static Flyway host(DataSource ds, String target) {
        return Flyway.configure().dataSource(ds).locations("classpath:org/marketlink/store/hostdb").target(target)
                .load();
    }

    @ParameterizedTest
    @EnumSource(HostDatabase.class)
    void hostMigratedFirst_storeOpensBeside_andTheHostMigratesOnAfter(HostDatabase database) throws SQLException {
        DataSource ds = database.create();
        host(ds, "1").migrate();
        try (MarketStore store = MarketStore.fromDataSource(ds, StoreOptions.defaults())) {
            usable(store);
        }
        // the host's own history still validates and migrates on, with the store's tables in place
        assertThat(host(ds, "latest").migrate().migrationsExecuted).isEqualTo(1);
        host(ds, "latest").validate();
        assertThat(count(ds, "SELECT count(*) FROM orders WHERE customer = 'host row'")).isEqualTo(1);
        // reopening the store finds its own history and migrates nothing
        try (MarketStore store = MarketStore.fromDataSource(ds, StoreOptions.defaults())) {
            assertThat(store.shgs().count()).isEqualTo(1);
        }
        assertThat(count(ds, "SELECT count(*) FROM marketlink." + MarketStore.HISTORY_TABLE + " WHERE success"))
                .isGreaterThanOrEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(HostDatabase.class)
    void storeFirst_hostMigratesAfter_andBothKeepTheirTables(HostDatabase database) throws SQLException {
        DataSource ds = database.create();
        try (MarketStore store = MarketStore.fromDataSource(ds, StoreOptions.defaults())) {
            usable(store);
        }
        assertThat(host(ds, "latest").migrate().migrationsExecuted).isEqualTo(2);
        host(ds, "latest").validate();
        assertThat(count(ds, "SELECT count(*) FROM orders")).isEqualTo(1);
        try (MarketStore store = MarketStore.fromDataSource(ds, StoreOptions.defaults())) {
            assertThat(store.shgs().count()).isEqualTo(1);
            assertThat(store.orders().count()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(HostDatabase.class)
    void storeInTheHostsOwnNonEmptySchema_baselinesAndMigrates(HostDatabase database) throws SQLException {
        DataSource ds = database.create();
        String hostSchema;
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            hostSchema = c.getSchema();
            s.execute("CREATE TABLE host_accounts (id BIGINT PRIMARY KEY)");
            s.execute("INSERT INTO host_accounts VALUES (7)");
        }
        try (MarketStore store = MarketStore.fromDataSource(ds, StoreOptions.defaults().withSchema(hostSchema))) {
            usable(store);
        }
        assertThat(count(ds, "SELECT count(*) FROM host_accounts")).isEqualTo(1);
        assertThat(count(ds, "SELECT count(*) FROM shgs")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(HostDatabase.class)
    void aBorrowedConnectionIsGivenBackAsItCame(HostDatabase database) throws SQLException {
        DataSource ds = database.create();
        String before = searchPath(ds, database);
        try (MarketStore store = MarketStore.fromDataSource(ds, StoreOptions.defaults())) {
            usable(store);
            try (Connection c = store.dataSource().getConnection()) {
                assertThat(searchPath(c, database)).contains("marketlink");
            }
        }
        assertThat(searchPath(ds, database)).isEqualTo(before);
    }

    private static void usable(MarketStore store) {
        Shg shg = Samples.shgWithoutBank("Umoja");
        store.shgs().upsertAll(List.of(shg));
        assertThat(store.shgs().get(shg.id())).isEqualTo(shg);
    }

    private static String searchPath(DataSource ds, HostDatabase database) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return searchPath(c, database);
        }
    }

    private static String searchPath(Connection c, HostDatabase database) throws SQLException {
        if (database == HostDatabase.H2) {
            return c.getSchema();
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW search_path")) {
            r.next();
            return r.getString(1);
        }
    }

    private static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}

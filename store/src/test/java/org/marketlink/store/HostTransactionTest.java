package org.marketlink.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.model.Shg;
import org.marketlink.testing.Samples;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MarketLink's writes take part in the host's transaction, on H2 and PostgreSQL: through a Jdbi handle the host
 * holds and through Spring's transaction manager. The host rolls back: nothing of MarketLink's writes (nor the
 * host's) remains; the host commits: both are there.
 */
class HostTransactionTest {
    /** The host's own table, beside MarketLink's schema. */
    private static void hostTable(Jdbi host) {
        host.useHandle(h -> h.execute("CREATE TABLE host_audit (note VARCHAR(100))"));
    }

    private static long hostRows(Jdbi host) {
        return host.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM host_audit").mapTo(Long.class).one());
    }

    @ParameterizedTest
    @EnumSource(HostDatabase.class)
    void aJdbiHandleTheHostHolds_decidesForMarketLinksWrites(HostDatabase database) {
        DataSource ds = database.create();
        Jdbi host = Jdbi.create(ds);
        hostTable(host);
        try (MarketStore store = MarketStore.fromDataSource(ds, StoreOptions.defaults())) {
            Shg rolledBack = Samples.shgWithoutBank("Umoja");
            try (Handle h = host.open()) {
                h.begin();
                h.execute("INSERT INTO host_audit (note) VALUES ('made a group')");
                MarketStore inTx = store.joining(h);
                inTx.shgs().upsertAll(List.of(rolledBack));
                // inside the transaction the write is visible to it
                assertThat(inTx.shgs().findById(rolledBack.id())).isPresent();
                h.rollback();
            }
            assertThat(store.shgs().findById(rolledBack.id())).isEmpty();
            assertThat(store.shgs().count()).isZero();
            assertThat(hostRows(host)).isZero();

            Shg committed = Samples.shgWithoutBank("Tumaini");
            try (Handle h = host.open()) {
                h.begin();
                h.execute("INSERT INTO host_audit (note) VALUES ('made a group')");
                store.joining(h).shgs().upsertAll(List.of(committed));
                h.commit();
            }
            assertThat(store.shgs().findById(committed.id())).isPresent();
            assertThat(hostRows(host)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(HostDatabase.class)
    void aSpringTransaction_decidesForMarketLinksWrites(HostDatabase database) {
        DataSource ds = database.create();
        Jdbi host = Jdbi.create(ds);
        hostTable(host);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        DataSource txAware = new TransactionAwareDataSourceProxy(ds);
        try (MarketStore store = MarketStore.joiningHostTransactions(txAware, StoreOptions.defaults())) {
            assertThat(store.joinsHostTransactions()).isTrue();
            Jdbi hostInTx = Jdbi.create(txAware);
            Shg rolledBack = Samples.shgWithoutBank("Umoja");
            tx.executeWithoutResult(status -> {
                hostInTx.useHandle(h -> h.execute("INSERT INTO host_audit (note) VALUES ('made a group')"));
                store.shgs().upsertAll(List.of(rolledBack));
                assertThat(store.shgs().findById(rolledBack.id())).isPresent();
                status.setRollbackOnly();
            });
            assertThat(store.shgs().findById(rolledBack.id())).isEmpty();
            assertThat(hostRows(host)).isZero();

            Shg committed = Samples.shgWithoutBank("Tumaini");
            tx.executeWithoutResult(status -> {
                hostInTx.useHandle(h -> h.execute("INSERT INTO host_audit (note) VALUES ('made a group')"));
                store.shgs().upsertAll(List.of(committed));
            });
            assertThat(store.shgs().findById(committed.id())).isPresent();
            assertThat(hostRows(host)).isEqualTo(1);

            // outside a host transaction each write commits on its own, as a store's always did
            Shg alone = Samples.shgWithoutBank("Amani");
            store.shgs().upsertAll(List.of(alone));
            try (MarketStore other = MarketStore.fromDataSource(ds, StoreOptions.defaults().withMigrate(false))) {
                assertThat(other.shgs().findById(alone.id())).isPresent();
            }
        }
    }
}

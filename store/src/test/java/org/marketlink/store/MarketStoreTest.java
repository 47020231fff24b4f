package org.marketlink.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketlink.core.UnableToConnectException;
import org.marketlink.core.model.Shg;
import org.marketlink.testing.Samples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarketStoreTest {

    @Test
    void embedded_keepsDataAcrossReopen(@TempDir Path dir) {
        Shg shg = Samples.shgWithoutBank("Umoja");
        try (MarketStore store = MarketStore.embedded(dir)) {
            assertThat(store.dialect()).isEqualTo(Dialect.H2);
            store.shgs().insert(shg);
        }
        assertThat(Files.exists(dir.resolve("marketlink.mv.db"))).isTrue();
        try (MarketStore store = MarketStore.embedded(dir)) {
            assertThat(store.shgs().get(shg.id())).isEqualTo(shg);
        }
    }

    @Test
    void anEmbeddedDatabaseRewrittenTwiceIsNoLargerThanAfterItsFirstWrite(@TempDir Path dir) throws Exception {
        List<Shg> groups = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            groups.add(Samples.shgWithoutBank("Group " + i));
        }
        try (MarketStore store = MarketStore.embedded(dir)) {
            store.shgs().upsertAll(groups);
        }
        long once = Files.size(dir.resolve("marketlink.mv.db"));
        for (int run = 0; run < 2; run++) {
            try (MarketStore store = MarketStore.embedded(dir)) {
                // the same rows again, in many small transactions as a day's work comes: nothing new
                for (int i = 0; i < groups.size(); i += 10) {
                    store.shgs().upsertAll(groups.subList(i, i + 10));
                }
            }
        }
        long thrice = Files.size(dir.resolve("marketlink.mv.db"));
        assertThat(thrice).as("after the rewrites (%,d bytes after the first write)", once)
                .isLessThanOrEqualTo(once + once / 5);
        try (MarketStore store = MarketStore.embedded(dir)) {
            assertThat(store.shgs().findAll()).hasSize(5_000);
        }
    }

    @Test
    void closingTwiceDoesNothing(@TempDir Path dir) {
        MarketStore store = MarketStore.embedded(dir);
        store.close();
        assertThatCode(store::close).doesNotThrowAnyException();
        MarketStore memory = MarketStore.inMemory();
        memory.close();
        assertThatCode(memory::close).doesNotThrowAnyException();
        assertThat(dir.resolve("marketlink.trace.db")).as("H2 logged no error on the way down").doesNotExist();
    }

    @Test
    void connect_unreachableServer_failsWithUrl() {
        ConnectionOptions options = new ConnectionOptions("jdbc:postgresql://127.0.0.1:1/none", "u", "secret-pw", 1,
                Duration.ofMillis(500), Duration.ofMinutes(1), Duration.ofMinutes(30));
        assertThatThrownBy(() -> MarketStore.connect(options)).isInstanceOf(UnableToConnectException.class)
                .hasMessageContaining("127.0.0.1:1").hasMessageNotContaining("secret-pw");
        assertThat(options.toString()).doesNotContain("secret-pw");
    }

    @Test
    void options_badValues_areRejected() {
        assertThatThrownBy(() -> ConnectionOptions.of("postgres://x", "u", "p")).hasMessageContaining("url");
        assertThatThrownBy(() -> ConnectionOptions.of("jdbc:h2:mem:x", "u", "p").withPoolSize(0))
                .hasMessageContaining("poolSize");
        assertThatThrownBy(() -> Dialect.detect("MySQL")).hasMessageContaining("MySQL");
    }

    @Test
    void dialect_sqlIsBuiltFromColumnNamesOnly() {
        String pg = Dialect.POSTGRESQL.upsert("t", List.of("id", "k", "v", "j"), List.of("j"),
                List.of("k"), List.of("id"));
        assertThat(pg).isEqualTo("INSERT INTO t (id, k, v, j) VALUES (:id, :k, :v, CAST(:j AS JSONB)) "
                + "ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v, j = EXCLUDED.j");
        String h2 = Dialect.H2.updateByKey("t", List.of("id", "k", "v", "j"), List.of("j"),
                List.of("k"), List.of("id"));
        assertThat(h2).isEqualTo("UPDATE t SET v = :v, j = :j FORMAT JSON WHERE k = :k");
    }
}

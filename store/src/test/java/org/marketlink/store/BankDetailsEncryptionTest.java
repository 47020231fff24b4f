package org.marketlink.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.model.Shg;
import org.marketlink.store.crypto.InMemoryKeyProvider;
import org.marketlink.store.crypto.NoSuchKeyException;
import org.marketlink.store.crypto.UnableToDecryptException;
import org.marketlink.testing.Samples;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BankDetailsEncryptionTest {
    private final List<MarketStore> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(MarketStore::close);
    }

    private MarketStore open(Backend backend, InMemoryKeyProvider keys) {
        MarketStore store = backend.open(StoreOptions.defaults().withKeyProvider(keys).withCache(0,
                Duration.ofMinutes(1)));
        opened.add(store);
        return store;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void storedColumn_holdsNoPlaintext(Backend backend) {
        MarketStore store = open(backend, InMemoryKeyProvider.withNewKey("k1"));
        Shg shg = Samples.shg("Umoja");
        store.shgs().insert(shg);
        List<String> raw = store.jdbi().withHandle(h -> h.createQuery("SELECT bank_details, bank_key_id FROM shgs")
                .map((rs, c) -> new String(rs.getBytes(1), StandardCharsets.ISO_8859_1) + "|" + rs.getString(2))
                .list());
        assertThat(raw).hasSize(1);
        assertThat(raw.get(0)).doesNotContain(Samples.ACCOUNT_NUMBER).doesNotContain("KCBLKENX")
                .doesNotContain("Achieng").endsWith("|k1");
        // nor does any text rendering of the whole row
        String row = store.jdbi().withHandle(h -> h.createQuery("SELECT * FROM shgs").mapToMap().one().toString());
        assertThat(row).doesNotContain(Samples.ACCOUNT_NUMBER);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void rotation_reencryptsInBatchesAndOldRowsStayReadable(Backend backend) {
        InMemoryKeyProvider keys = InMemoryKeyProvider.withNewKey("k1");
        MarketStore store = open(backend, keys);
        List<Shg> groups = IntStream.range(0, 25).mapToObj(i -> Samples.shg("Group " + i)).toList();
        store.shgs().upsertAll(groups);
        keys.rotateTo("k2");
        Shg late = Samples.shg("Late");
        store.shgs().insert(late);
        // before rotation finishes, both key generations are readable
        assertThat(store.shgs().get(groups.get(3).id()).bankDetails()).isEqualTo(groups.get(3).bankDetails());
        assertThat(keyIds(store)).containsOnly("k1", "k2");

        assertThat(store.shgs().rotateBankDetailsKey(10)).isEqualTo(25);
        assertThat(keyIds(store)).containsOnly("k2");
        keys.removeKey("k1");
        for (Shg g : groups) {
            assertThat(store.shgs().get(g.id()).bankDetails()).isEqualTo(g.bankDetails());
        }
        assertThat(store.shgs().rotateBankDetailsKey(10)).isZero();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void readerWithWrongOrMissingKey_failsClearly(Backend backend) {
        InMemoryKeyProvider keys = InMemoryKeyProvider.withNewKey("k1");
        MarketStore writer = open(backend, keys);
        Shg shg = Samples.shg("Umoja");
        writer.shgs().insert(shg);

        MarketStore wrongKey = MarketStore.fromDataSource(writer.dataSource(),
                StoreOptions.defaults().withKeyProvider(InMemoryKeyProvider.withNewKey("k1")));
        assertThatThrownBy(() -> wrongKey.shgs().get(shg.id())).isInstanceOf(UnableToDecryptException.class)
                .hasMessageContaining(shg.id().toString()).hasMessageContaining("wrong key")
                .hasMessageNotContaining(Samples.ACCOUNT_NUMBER);
        MarketStore noKey = MarketStore.fromDataSource(writer.dataSource(),
                StoreOptions.defaults().withKeyProvider(InMemoryKeyProvider.withNewKey("other")));
        assertThatThrownBy(() -> noKey.shgs().get(shg.id())).isInstanceOf(UnableToDecryptException.class)
                .hasMessageContaining("'k1'");
        MarketStore none = MarketStore.fromDataSource(writer.dataSource(), StoreOptions.defaults());
        assertThatThrownBy(() -> none.shgs().insert(Samples.shg("Other"))).isInstanceOf(NoSuchKeyException.class)
                .hasMessageContaining("KeyProvider");
        // a group without bank details needs no key
        none.shgs().insert(Samples.shgWithoutBank("Plain"));
        assertThat(none.shgs().count()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void tamperedCiphertext_isDetected(Backend backend) {
        MarketStore store = open(backend, InMemoryKeyProvider.withNewKey("k1"));
        Shg shg = Samples.shg("Umoja");
        store.shgs().insert(shg);
        byte[] bytes = store.jdbi().withHandle(h -> h.createQuery("SELECT bank_details FROM shgs")
                .map((rs, c) -> rs.getBytes(1)).one());
        bytes[20] ^= 0x40;
        store.jdbi().useHandle(h -> h.createUpdate("UPDATE shgs SET bank_details = :b").bind("b", bytes).execute());
        assertThatThrownBy(() -> store.shgs().get(shg.id())).isInstanceOf(UnableToDecryptException.class)
                .hasMessageContaining("altered");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void ciphertextCopiedIntoAnotherGroupsRow_doesNotOpenThere(Backend backend) {
        MarketStore store = open(backend, InMemoryKeyProvider.withNewKey("k1"));
        Shg victim = Samples.shg("Umoja");
        Shg thief = Samples.shg("Tumaini");
        store.shgs().insert(victim);
        store.shgs().insert(thief);
        store.jdbi().useHandle(h -> h.createUpdate("UPDATE shgs SET bank_details = (SELECT bank_details FROM shgs "
                + "WHERE name = 'Umoja'), bank_key_id = (SELECT bank_key_id FROM shgs WHERE name = 'Umoja') "
                + "WHERE name = 'Tumaini'").execute());
        assertThatThrownBy(() -> store.shgs().get(thief.id())).isInstanceOf(UnableToDecryptException.class)
                .hasMessageContaining(thief.id().toString());
        assertThat(store.shgs().get(victim.id()).bankDetails()).isEqualTo(victim.bankDetails());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void oneRowThatDoesNotOpen_doesNotHideTheOthersFromLists(Backend backend) {
        MarketStore store = open(backend, InMemoryKeyProvider.withNewKey("k1"));
        Shg broken = Samples.shg("Umoja");
        Shg fine = Samples.shg("Tumaini");
        store.shgs().insert(broken);
        store.shgs().insert(fine);
        store.jdbi().useHandle(h -> h.createUpdate("UPDATE shgs SET bank_details = (SELECT bank_details FROM shgs "
                + "WHERE name = 'Tumaini') WHERE name = 'Umoja'").execute());
        List<Shg> all = store.shgs().findAll();
        assertThat(all).extracting(Shg::name).containsExactly("Tumaini", "Umoja");
        assertThat(all.get(0).bankDetails()).isEqualTo(fine.bankDetails());
        assertThat(all.get(1).bankDetails()).isEmpty();
        assertThat(store.shgs().findByCategory(broken.category())).hasSize(2);
        // asked for by itself, the broken row still says what is wrong
        assertThatThrownBy(() -> store.shgs().get(broken.id())).isInstanceOf(UnableToDecryptException.class)
                .hasMessageContaining(broken.id().toString());
    }

    private static List<String> keyIds(MarketStore store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT bank_key_id FROM shgs").mapTo(String.class).list());
    }
}

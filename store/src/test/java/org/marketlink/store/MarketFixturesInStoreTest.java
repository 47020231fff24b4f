package org.marketlink.store;

import org.junit.jupiter.api.Test;
import org.marketlink.testing.MarketFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/** The seeded marketplace of {@code marketlink-testing} fits the store's constraints, and writing it is idempotent. */
class MarketFixturesInStoreTest {

    @Test
    void fixtures_fitTheStore_andWritingTwiceChangesNothing() {
        MarketFixtures f = MarketFixtures.generate(11, MarketFixtures.Options.defaults().withSize(12, 15).withDays(60));
        try (MarketStore store = MarketStore.inMemory()) {
            write(f, store);
            write(f, store); // again: nothing new
            assertThat(store.pricingHistory().count()).isEqualTo(f.sales().size());
            assertThat(store.matches().count()).isEqualTo(f.matchHistory().size());
            assertThat(store.products().count()).isEqualTo(f.products().size());
        }
    }

    /** Parents before children, as a host loading the fixtures would. */
    static void write(MarketFixtures f, MarketStore store) {
        store.shgs().upsertAll(f.shgs());
        store.buyers().upsertAll(f.buyers());
        store.products().upsertAll(f.products());
        store.pricingHistory().upsertAll(f.sales());
        store.marketData().upsertAll(f.marketData());
        store.orders().upsertAll(f.orders());
        store.matches().upsertAll(f.matchHistory());
    }
}

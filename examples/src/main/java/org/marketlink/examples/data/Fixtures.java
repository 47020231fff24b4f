package org.marketlink.examples.data;

import org.marketlink.store.MarketStore;
import org.marketlink.testing.MarketFixtures;

/** Writes a seeded marketplace into a store, parents before children; upserts, so writing it again changes nothing. */
public final class Fixtures {
    private Fixtures() {
    }

    /** Groups, buyers, products, sales, market data, orders, their ratings and returns, and match history, in that order. */
    public static void write(MarketFixtures f, MarketStore store) {
        store.shgs().upsertAll(f.shgs());
        store.buyers().upsertAll(f.buyers());
        store.products().upsertAll(f.products());
        store.pricingHistory().upsertAll(f.sales());
        store.marketData().upsertAll(f.marketData());
        store.orders().upsertAll(f.orders());
        store.ratings().upsertAll(f.ratings());
        store.returns().upsertAll(f.returns());
        store.matches().upsertAll(f.matchHistory());
    }
}

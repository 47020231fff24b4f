package org.marketlink.store;

import org.marketlink.testing.EmbeddedPostgresServer;


/** The databases every storage test runs on: embedded H2 and a real PostgreSQL. */
public enum Backend {
    H2 {
        @Override
        public MarketStore open(StoreOptions options) {
            return MarketStore.inMemory(options);
        }
    },
    POSTGRESQL {
        @Override
        public MarketStore open(StoreOptions options) {
            EmbeddedPostgresServer.Database db = EmbeddedPostgresServer.newDatabase();
            return MarketStore.connect(ConnectionOptions.of(db.jdbcUrl(), "postgres", "").withPoolSize(20), options);
        }
    };

    /** A new, empty, migrated store. */
    public abstract MarketStore open(StoreOptions options);

    public MarketStore open() {
        return open(StoreOptions.defaults());
    }
}

package org.marketlink.store;

import org.h2.jdbcx.JdbcDataSource;
import org.marketlink.testing.EmbeddedPostgresServer;

import javax.sql.DataSource;
import java.util.UUID;

/** A host's own database, empty, on H2 and on a real PostgreSQL: the data source the host would hand the store. */
enum HostDatabase {
    H2 {
        @Override
        DataSource create() {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:host-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            ds.setUser("sa");
            return ds;
        }
    },
    POSTGRESQL {
        @Override
        DataSource create() {
            return EmbeddedPostgresServer.newDatabase().dataSource();
        }
    };

    /** A new, empty database. */
    abstract DataSource create();
}

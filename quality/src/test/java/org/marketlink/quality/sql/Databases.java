package org.marketlink.quality.sql;

import org.h2.jdbcx.JdbcDataSource;
import org.marketlink.testing.EmbeddedPostgresServer;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.logging.Logger;

/** The databases the pushdown is checked on, each as a host would hand it over: a {@link DataSource}. */
enum Databases {
    DUCKDB("DOUBLE", "TIMESTAMPTZ"),
    POSTGRESQL("DOUBLE PRECISION", "TIMESTAMP WITH TIME ZONE"),
    H2("DOUBLE PRECISION", "TIMESTAMP WITH TIME ZONE");

    /** The column type of a double and of a timestamp with time zone in this database's DDL. */
    final String doubleType;
    final String instantType;

    Databases(String doubleType, String instantType) {
        this.doubleType = doubleType;
        this.instantType = instantType;
    }

    /** A new, empty database of this kind; DuckDB's lives in {@code directory}. */
    DataSource open(Path directory) {
        return switch (this) {
            case DUCKDB -> new DriverDataSource("jdbc:duckdb:" + directory.resolve("diff.duckdb"));
            case POSTGRESQL -> EmbeddedPostgresServer.newDatabase().dataSource();
            case H2 -> {
                JdbcDataSource h2 = new JdbcDataSource();
                h2.setURL("jdbc:h2:mem:diff" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
                yield h2;
            }
        };
    }

    /** A data source that asks the driver for each connection, as the simplest host pool would. */
    static final class DriverDataSource implements DataSource {
        private final String url;

        DriverDataSource(String url) {
            this.url = url;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url);
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // no log
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // the driver's default
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}

package org.marketlink.quality.sql;

import org.h2.jdbcx.JdbcDataSource;
import org.marketlink.testing.DriverDataSource;
import org.marketlink.testing.EmbeddedPostgresServer;

import javax.sql.DataSource;
import java.nio.file.Path;

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
}

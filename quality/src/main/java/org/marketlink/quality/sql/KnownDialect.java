package org.marketlink.quality.sql;

/**
 * The databases the pushdown is tested on, each checked rule kind by rule kind against the in-memory engine.
 * Thread-safe (constants).
 */
public enum KnownDialect implements SqlDialect {
    /** PostgreSQL 12 and later. */
    POSTGRESQL("postgresql") {
        @Override
        public String blank(String text, SqlContext sql) {
            return "BTRIM(" + text + ", " + sql.bind(Blank.WHITESPACE) + ") = ''";
        }
    },

    /** H2 2.x. */
    H2("h2") {
        @Override
        public String characters(String text) {
            // H2 counts UTF-16 units; a character beyond the Basic Multilingual Plane is two of them, so each is
            // replaced by one unit first
            return "CHAR_LENGTH(REGEXP_REPLACE(" + text + ", '[\\x{10000}-\\x{10FFFF}]', '_'))";
        }
    },

    /** DuckDB 1.x, in process or as a file. */
    DUCKDB("duckdb") {
        @Override
        public String blank(String text, SqlContext sql) {
            return "TRIM(" + text + ", " + sql.bind(Blank.WHITESPACE) + ") = ''";
        }

        @Override
        public String characters(String text) {
            return "LENGTH(" + text + ")";
        }
    };

    private final String productName;

    KnownDialect(String productName) {
        this.productName = productName;
    }

    /** How the database's JDBC metadata names it, in lower case. */
    String productName() {
        return productName;
    }
}

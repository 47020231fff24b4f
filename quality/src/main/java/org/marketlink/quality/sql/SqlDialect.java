package org.marketlink.quality.sql;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What differs between databases in the SQL a suite is pushed down as. Each method returns an SQL fragment around
 * expressions the pushdown has already checked (column names from the table's own metadata); values are never
 * written into the text, the fragments take them as {@code ?} parameters through {@link SqlContext#bind}.
 *
 * <p>The defaults are standard SQL. {@link KnownDialect} holds the databases the library is tested on (PostgreSQL, H2,
 * DuckDB); another database needs an implementation only where it departs from the standard. Implementations must
 * be immutable and thread-safe.
 */
public interface SqlDialect {

    /** The database's name, for messages. */
    String name();

    /**
     * A predicate that holds when the text expression {@code text} is blank: empty, or only characters that
     * {@link Character#isWhitespace} calls white space (the in-memory engine's meaning of blank).
     *
     * @param text a text expression that is not null
     */
    default String blank(String text, SqlContext sql) {
        return "TRIM(BOTH " + sql.bind(Blank.WHITESPACE) + " FROM " + text + ") = ''";
    }

    /**
     * The number of characters (Unicode code points, as {@link String#codePointCount} counts them) of a text
     * expression.
     */
    default String characters(String text) {
        return "CHAR_LENGTH(" + text + ")";
    }

    /**
     * The exact {@code q} quantile of a numeric expression: the smallest value whose cumulative share reaches
     * {@code q} ({@code PERCENTILE_DISC}). Null values are left out.
     *
     * @param q a number in [0, 1], written into the text (it is a double the library checked, never data)
     */
    default String exactQuantile(double q, String number) {
        return "PERCENTILE_DISC(" + q + ") WITHIN GROUP (ORDER BY " + number + ")";
    }

    /** The sample standard deviation of a numeric expression; null values are left out. */
    default String sampleStandardDeviation(String number) {
        return "STDDEV_SAMP(" + number + ")";
    }

    /** The population standard deviation of a numeric expression; null values are left out. */
    default String populationStandardDeviation(String number) {
        return "STDDEV_POP(" + number + ")";
    }

    /**
     * The dialect of the database behind {@code meta}: one of {@link KnownDialect} by its product name, or standard
     * SQL for any other database.
     *
     * @throws SQLException when the driver cannot say which database it is
     */
    static SqlDialect of(DatabaseMetaData meta) throws SQLException {
        String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
        for (KnownDialect d : KnownDialect.values()) {
            if (product.contains(d.productName())) {
                return d;
            }
        }
        String shown = meta.getDatabaseProductName();
        return () -> shown;
    }
}

package org.marketlink.core.io;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Identifiers a host hands the library (a table for a sink, a table and columns for quality pushdown), checked
 * before any SQL is built: plain lower-case ASCII as given (a Kelvin sign is not a {@code k}), and a table found by
 * its exact name, not as a metadata {@code LIKE} pattern in which {@code _} matches any character. Stateless and
 * thread-safe.
 */
public final class TableColumns {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private TableColumns() {
    }

    /** Whether {@code name} is a plain ASCII identifier, as given. */
    public static boolean isIdentifier(String name) {
        return name != null && IDENTIFIER.matcher(name).matches();
    }

    /**
     * {@code name} in lower case, when it is a plain ASCII identifier.
     *
     * @throws IllegalArgumentException naming {@code what} and the name otherwise
     */
    public static String identifier(String what, String name) {
        if (!isIdentifier(name)) {
            throw new IllegalArgumentException(what + " name '" + name + "' is not a plain SQL identifier (ASCII "
                    + "letters, digits and underscores, not starting with a digit)");
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * The lower-case column names of the table named exactly {@code table} as the connection sees it unqualified:
     * in its current schema when it has one there, else in the one other schema that has it; empty when none does.
     *
     * @throws IllegalArgumentException when several other schemas have a table of that name (the name is ambiguous)
     */
    public static Set<String> of(Connection c, String table) throws SQLException {
        return describe(c, table).keySet();
    }

    /**
     * As {@link #of}, each column with its decimal scale: the digits after the point a fixed-point column
     * ({@code NUMERIC(p, s)}, {@code DECIMAL(p, s)}) keeps, or -1 for any other column and for an unconstrained
     * {@code NUMERIC}, which keeps what it is given.
     */
    public static Map<String, Integer> describe(Connection c, String table) throws SQLException {
        Map<String, Integer> scales = new LinkedHashMap<>();
        columns(c, table).forEach((name, column) -> scales.put(name, column.scale()));
        return scales;
    }

    /**
     * A column as the database's metadata describes it.
     *
     * @param jdbcType  its {@link Types} code
     * @param scale     the digits after the point a fixed-point column keeps, or -1 (see {@link #describe})
     * @param precision the digits in all a fixed-point column keeps, or -1 for any other column
     * @param maxLength the characters a bounded text column ({@code VARCHAR(n)}, {@code CHAR(n)}) keeps, or -1 for
     *                  any other column
     */
    public record Column(int jdbcType, int scale, int precision, int maxLength) {
    }

    /**
     * As {@link #of}, each lower-case column name with its type, in the table's column order.
     *
     * @throws IllegalArgumentException when several other schemas have a table of that name (the name is ambiguous)
     */
    public static Map<String, Column> columns(Connection c, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String escape = meta.getSearchStringEscape();
        String pattern = escape == null || escape.isEmpty() ? table
                : table.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
        String current = c.getSchema();
        Map<String, Map<String, Column>> bySchema = new LinkedHashMap<>();
        for (String candidate : new String[] {pattern, pattern.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = meta.getColumns(null, null, candidate, null)) {
                while (rs.next()) {
                    if (!rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
                        continue; // exact names only, whatever the driver's pattern matching did
                    }
                    String schema = String.valueOf(rs.getString("TABLE_SCHEM"));
                    int type = rs.getInt("DATA_TYPE");
                    int size = rs.getInt("COLUMN_SIZE");
                    int digits = rs.getInt("DECIMAL_DIGITS");
                    boolean fixed = (type == Types.DECIMAL || type == Types.NUMERIC) && !rs.wasNull() && size > 0
                            && size < 1000;
                    // a text column without a stated bound reports 2^31 - 1 (PostgreSQL) or H2's own largest, beyond
                    // what a row reaches; a stated bound, up to VARCHAR(1000000), is checked
                    boolean bounded = (type == Types.VARCHAR || type == Types.CHAR || type == Types.NVARCHAR
                            || type == Types.NCHAR) && size > 0 && size <= 1_000_000;
                    bySchema.computeIfAbsent(schema, k -> new LinkedHashMap<>())
                            .put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), new Column(type,
                                    fixed ? digits : -1, fixed ? size : -1, bounded ? size : -1));
                }
            }
            if (!bySchema.isEmpty()) {
                break;
            }
        }
        for (Map.Entry<String, Map<String, Column>> e : bySchema.entrySet()) {
            if (e.getKey().equalsIgnoreCase(current)) {
                return e.getValue();
            }
        }
        if (bySchema.size() > 1) {
            throw new IllegalArgumentException("table '" + table + "' is in several schemas " + bySchema.keySet()
                    + " and in none the store uses first ('" + current + "'); name a table of the store's schema");
        }
        return bySchema.isEmpty() ? Map.of() : bySchema.values().iterator().next();
    }
}

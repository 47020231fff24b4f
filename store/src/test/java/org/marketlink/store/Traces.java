package org.marketlink.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Searches a whole database for strings, for the tests that prove what an erase or a run leaves behind. */
public final class Traces {
    private Traces() {
    }

    /** Every table of every schema, every row, every column as text: which of {@code needles} still appear. */
    public static List<String> find(MarketStore store, List<String> needles) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = store.dataSource().getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    // every schema but the database's own catalogs: the store's, and the host's beside it
                    if (schema != null && !schema.equalsIgnoreCase("information_schema")
                            && !schema.toLowerCase(Locale.ROOT).startsWith("pg_")) {
                        tables.add(schema + "." + rs.getString("TABLE_NAME"));
                    }
                }
            }
            assertThat(tables.size()).isGreaterThan(10);
            for (String table : tables) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object v = rs.getObject(i);
                            String text = v instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1)
                                    : String.valueOf(v);
                            for (String needle : needles) {
                                // in any case: a key another system prints in upper case is the same key
                                if (text.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT))) {
                                    found.add(table + "." + rs.getMetaData().getColumnName(i) + " holds " + needle);
                                }
                            }
                        }
                    }
                }
            }
        }
        return found;
    }
}

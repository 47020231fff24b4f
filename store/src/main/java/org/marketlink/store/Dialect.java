package org.marketlink.store;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The SQL dialects the store speaks. Everything that differs between PostgreSQL and H2 is here, so the rest of
 * the store writes one SQL.
 */
public enum Dialect {
    /** PostgreSQL 14 or newer: JSONB, BYTEA, {@code INSERT ... ON CONFLICT}, {@code COPY} for bulk loads. */
    POSTGRESQL("JSONB", "BYTEA", "TEXT"),
    /** H2 2.x in PostgreSQL mode, the embedded default: JSON, VARBINARY, update-then-insert upserts. */
    H2("JSON", "VARBINARY", "VARCHAR(1000000)");

    private final String jsonType;
    private final String bytesType;
    private final String textType;

    Dialect(String jsonType, String bytesType, String textType) {
        this.jsonType = jsonType;
        this.bytesType = bytesType;
        this.textType = textType;
    }

    /** The dialect of a JDBC URL or of a database product name as JDBC metadata reports it. */
    public static Dialect detect(String urlOrProductName) {
        String s = urlOrProductName.toLowerCase(Locale.ROOT);
        if (s.contains("postgres")) {
            return POSTGRESQL;
        }
        if (s.contains("h2")) {
            return H2;
        }
        throw new IllegalArgumentException("unsupported database '" + urlOrProductName
                + "'; MarketLink runs on PostgreSQL and H2");
    }

    /** Values for the placeholders of the Flyway migrations. */
    public Map<String, String> migrationPlaceholders() {
        return Map.of("json", jsonType, "bytes", bytesType, "text", textType);
    }

    /** A bind expression that turns a bound JSON string into the JSON column type. */
    public String jsonValue(String parameter) {
        return switch (this) {
            case POSTGRESQL -> "CAST(:" + parameter + " AS JSONB)";
            case H2 -> ":" + parameter + " FORMAT JSON";
        };
    }

    /**
     * Whether one statement can insert-or-update a row atomically ({@code INSERT ... ON CONFLICT}). Where it
     * cannot (H2), the store updates by key and inserts the rows that matched nothing, in one transaction, and
     * retries the transaction if a concurrent writer inserted the same key first.
     */
    public boolean hasAtomicUpsert() {
        return this == POSTGRESQL;
    }

    /**
     * {@code INSERT ... ON CONFLICT (key) DO UPDATE} of one row, for dialects with {@link #hasAtomicUpsert()}.
     *
     * @param table       table name (a constant, never data)
     * @param columns     every column written, in order
     * @param jsonColumns the columns among them whose values are JSON text
     * @param keyColumns  the natural key the conflict is detected on
     * @param insertOnly  columns set on insert but kept on update (the id, creation time)
     */
    public String upsert(String table, List<String> columns, List<String> jsonColumns, List<String> keyColumns,
                         List<String> insertOnly) {
        if (!hasAtomicUpsert()) {
            throw new UnsupportedOperationException(this + " has no atomic upsert");
        }
        List<String> updated = updatedColumns(columns, keyColumns, insertOnly);
        return insert(table, columns, jsonColumns) + " ON CONFLICT (" + String.join(", ", keyColumns) + ") DO "
                + (updated.isEmpty() ? "NOTHING" : "UPDATE SET " + updated.stream()
                .map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", ")));
    }

    /**
     * One statement that inserts a row or replaces the row with its key, on either dialect: the {@link #upsert} on
     * PostgreSQL, {@code MERGE INTO ... KEY} on H2. For tables written in batches of plain (non-JSON) columns, where
     * H2's update-then-insert would cost a second statement per row.
     *
     * @param table      table name (a constant, never data)
     * @param columns    every column written, in order
     * @param keyColumns the key a row is replaced on
     */
    public String mergeOnKey(String table, List<String> columns, List<String> keyColumns) {
        return hasAtomicUpsert() ? upsert(table, columns, List.of(), keyColumns, List.of())
                : "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + String.join(", ", keyColumns)
                + ") VALUES (" + columns.stream().map(c -> ":" + c).collect(Collectors.joining(", ")) + ")";
    }

    /** {@code UPDATE} of the non-key, non-insert-only columns of the row with this natural key. */
    public String updateByKey(String table, List<String> columns, List<String> jsonColumns, List<String> keyColumns,
                              List<String> insertOnly) {
        List<String> updated = updatedColumns(columns, keyColumns, insertOnly);
        // with nothing to update, a no-op assignment still reports whether the key exists
        String set = updated.isEmpty() ? keyColumns.get(0) + " = " + keyColumns.get(0) : updated.stream()
                .map(c -> c + " = " + (jsonColumns.contains(c) ? jsonValue(c) : ":" + c))
                .collect(Collectors.joining(", "));
        return "UPDATE " + table + " SET " + set + " WHERE " + keyColumns.stream().map(c -> c + " = :" + c)
                .collect(Collectors.joining(" AND "));
    }

    private static List<String> updatedColumns(List<String> columns, List<String> keyColumns,
                                               List<String> insertOnly) {
        return columns.stream().filter(c -> !keyColumns.contains(c) && !insertOnly.contains(c)).toList();
    }

    /** A plain insert of one row. */
    public String insert(String table, List<String> columns, List<String> jsonColumns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(c -> jsonColumns.contains(c) ? jsonValue(c) : ":" + c)
                .collect(Collectors.joining(", ")) + ")";
    }
}

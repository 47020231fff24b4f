package org.marketlink.core.store;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The SQL dialects the store speaks. Everything that differs between PostgreSQL and H2 is here, so the rest of
 * the store writes one SQL.
 */
public enum Dialect {
    /** PostgreSQL 14 or newer: JSONB, BYTEA, {@code INSERT ... ON CONFLICT}, {@code COPY} for bulk loads. */
    POSTGRESQL("JSONB", "BYTEA", "TEXT"),
    /** H2 2.x in PostgreSQL mode, the embedded default: JSON, VARBINARY, standard {@code MERGE}. */
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
        String s = urlOrProductName.toLowerCase(java.util.Locale.ROOT);
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
     * An idempotent insert-or-update of one row on its natural key.
     *
     * @param table        table name (a constant, never data)
     * @param columns      every column written, in order
     * @param jsonColumns  the columns among them whose values are JSON text
     * @param keyColumns   the natural key the conflict is detected on
     * @param insertOnly   columns set on insert but kept on update (the id, creation time)
     */
    public String upsert(String table, List<String> columns, List<String> jsonColumns, List<String> keyColumns,
                         List<String> insertOnly) {
        List<String> updated = columns.stream()
                .filter(c -> !keyColumns.contains(c) && !insertOnly.contains(c)).toList();
        String values = columns.stream()
                .map(c -> jsonColumns.contains(c) ? jsonValue(c) : ":" + c)
                .collect(Collectors.joining(", "));
        return switch (this) {
            case POSTGRESQL -> "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + values
                    + ") ON CONFLICT (" + String.join(", ", keyColumns) + ") DO "
                    + (updated.isEmpty() ? "NOTHING" : "UPDATE SET " + updated.stream()
                    .map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", ")));
            case H2 -> "MERGE INTO " + table + " t USING (VALUES (" + values + ")) AS s ("
                    + String.join(", ", columns) + ") ON " + keyColumns.stream()
                    .map(c -> "t." + c + " = s." + c).collect(Collectors.joining(" AND "))
                    + (updated.isEmpty() ? "" : " WHEN MATCHED THEN UPDATE SET " + updated.stream()
                    .map(c -> c + " = s." + c).collect(Collectors.joining(", ")))
                    + " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", columns) + ") VALUES ("
                    + columns.stream().map(c -> "s." + c).collect(Collectors.joining(", ")) + ")";
        };
    }

    /** A plain insert of one row. */
    public String insert(String table, List<String> columns, List<String> jsonColumns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(c -> jsonColumns.contains(c) ? jsonValue(c) : ":" + c)
                .collect(Collectors.joining(", ")) + ")";
    }
}

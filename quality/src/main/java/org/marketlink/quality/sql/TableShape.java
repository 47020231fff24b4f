package org.marketlink.quality.sql;

import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Schema;
import org.marketlink.core.io.TableColumns;

import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A table's columns as the in-memory engine reads them, from the database's metadata. Immutable. */
record TableShape(String table, Map<String, FieldType> types) {

    static TableShape of(String table, Map<String, TableColumns.Column> columns) {
        Map<String, FieldType> types = new LinkedHashMap<>();
        columns.forEach((name, c) -> types.put(name, type(c.jdbcType())));
        return new TableShape(table, types);
    }

    /** Every column, nullable: the in-memory engine judges what the database holds, it does not refuse rows. */
    Schema schema() {
        List<Field> fields = new ArrayList<>();
        types.forEach((name, type) -> fields.add(Field.optional(name, type)));
        return Schema.of(fields);
    }

    /** How a column of a JDBC type is read into a row; text for types without a closer match (UUID, JSON). */
    static FieldType type(int jdbcType) {
        return switch (jdbcType) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> FieldType.LONG;
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> FieldType.DOUBLE;
            case Types.NUMERIC, Types.DECIMAL -> FieldType.DECIMAL;
            case Types.BOOLEAN, Types.BIT -> FieldType.BOOLEAN;
            case Types.DATE -> FieldType.DATE;
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> FieldType.TIMESTAMP;
            default -> FieldType.STRING;
        };
    }
}

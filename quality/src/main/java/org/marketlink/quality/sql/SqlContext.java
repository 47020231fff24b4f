package org.marketlink.quality.sql;

import org.marketlink.core.Checks;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.io.TableColumns;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a rule kind needs to write its SQL for one table: the table's checked column names and their types, the
 * database's dialect, and the parameters its {@code ?} placeholders stand for. One context is made per rule and
 * collects that rule's parameters in order. Not thread-safe (it is used by one pushdown call at a time).
 */
public final class SqlContext {
    private final SqlDialect dialect;
    private final Map<String, FieldType> columns;
    private final List<Object> parameters = new ArrayList<>();

    SqlContext(SqlDialect dialect, Map<String, FieldType> columns) {
        this.dialect = dialect;
        this.columns = columns;
    }

    /**
     * A context for a table with {@code columns}, for trying a dialect's SQL without a database.
     *
     * @param columns lower-case column names with the types the in-memory engine reads them as
     */
    public static SqlContext of(SqlDialect dialect, Map<String, FieldType> columns) {
        return new SqlContext(Checks.notNull("dialect", dialect), Map.copyOf(Checks.notNull("columns", columns)));
    }

    /** The parameters bound so far, in order; unmodifiable. */
    public List<Object> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    /** The database's dialect. */
    public SqlDialect dialect() {
        return dialect;
    }

    /**
     * The SQL identifier of a column of the table: the only way a column name reaches the SQL text.
     *
     * @throws IllegalArgumentException naming the column when the table has none of that name
     */
    public String column(String name) {
        String c = TableColumns.isIdentifier(name) ? name.toLowerCase(Locale.ROOT) : "";
        if (c.isEmpty() || !columns.containsKey(c)) {
            throw new IllegalArgumentException("the table has no column '" + name + "'");
        }
        return c;
    }

    /**
     * How the in-memory engine would read a column of the table.
     *
     * @throws IllegalArgumentException naming the column when the table has none of that name
     */
    public FieldType type(String name) {
        return columns.get(column(name));
    }

    /**
     * Adds a parameter.
     *
     * @param value a value the JDBC driver can bind
     * @return the placeholder that stands for it, {@code ?}
     */
    public String bind(Object value) {
        parameters.add(value);
        return "?";
    }
}

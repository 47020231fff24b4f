package org.marketlink.core.io;

import org.marketlink.core.Checks;
import org.marketlink.core.UnableToReadException;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Cursor;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.Source;
import org.marketlink.core.privacy.Masking;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Rows of a SQL query, streamed with a fetch size (in a read-only transaction, which PostgreSQL needs to stream
 * rather than load the whole result). Query parameters are bound, never concatenated. Columns map to
 * {@code schema} fields by name (case-insensitive); a value that does not convert quarantines its row. A
 * {@code TIMESTAMP} column without a time zone is read as a time in UTC, one with a time zone as the instant it is.
 */
public final class JdbcSource implements Source<Row> {
    private final DataSource dataSource;
    private final String sql;
    private final List<Object> parameters;
    private final Schema schema;
    private final int fetchSize;

    private JdbcSource(DataSource dataSource, String sql, List<Object> parameters, Schema schema, int fetchSize) {
        this.dataSource = dataSource;
        this.sql = sql;
        this.parameters = parameters;
        this.schema = schema;
        this.fetchSize = fetchSize;
    }

    /**
     * @param sql        a query with {@code ?} placeholders
     * @param parameters values for the placeholders, in order
     * @param fetchSize  rows fetched per round trip, ≥ 1
     */
    public static JdbcSource of(DataSource dataSource, String sql, List<?> parameters, Schema schema, int fetchSize) {
        Checks.notNull("dataSource", dataSource);
        Checks.notBlank("sql", sql);
        Checks.notNull("schema", schema);
        Checks.atLeast("fetchSize", fetchSize, 1);
        return new JdbcSource(dataSource, sql, List.copyOf(Checks.list("parameters", parameters)), schema, fetchSize);
    }

    @Override
    public String name() {
        return "jdbc: " + sql;
    }

    @Override
    public Cursor<Row> open() {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(false);
            readOnly(c);
            PreparedStatement statement = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(fetchSize);
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            ResultSet rs = statement.executeQuery();
            int[] columnOf = new int[schema.size()];
            boolean[] localTime = new boolean[schema.size()];
            var meta = rs.getMetaData();
            for (int f = 0; f < schema.size(); f++) {
                columnOf[f] = -1;
                for (int col = 1; col <= meta.getColumnCount(); col++) {
                    if (meta.getColumnLabel(col).equalsIgnoreCase(schema.field(f).name())) {
                        columnOf[f] = col;
                        localTime[f] = withoutZone(meta.getColumnType(col), meta.getColumnTypeName(col));
                    }
                }
                if (columnOf[f] < 0 && !schema.field(f).nullable()) {
                    throw new UnableToReadException("query has no column '" + schema.field(f).name() + "': " + sql);
                }
            }
            return new JdbcCursor(c, statement, rs, columnOf, localTime);
        } catch (SQLException e) {
            close(c);
            throw new UnableToReadException("could not run query " + sql + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(c);
            throw e;
        }
    }

    /**
     * Marks the transaction read-only where the driver can: a hint to the database, which some drivers refuse on
     * an open connection (DuckDB's sets it only when the database is opened); reading works without it.
     */
    private static void readOnly(Connection c) {
        try {
            c.setReadOnly(true);
        } catch (SQLException refused) {
            // the query only reads; the hint is not needed for it
        }
    }

    /**
     * Whether a column is a {@code TIMESTAMP} without a time zone. PostgreSQL's driver reports both kinds as
     * {@link Types#TIMESTAMP}; its type name ({@code timestamptz}) tells them apart.
     */
    private static boolean withoutZone(int type, String typeName) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        return type == Types.TIMESTAMP && !name.contains("tz") && !name.contains("time zone");
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.rollback();
                c.close();
            } catch (SQLException ignored) {
                // already failing
            }
        }
    }

    private final class JdbcCursor implements Cursor<Row> {
        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet rs;
        private final int[] columnOf;
        /** Fields read from a {@code TIMESTAMP} without time zone: their local time is taken as UTC. */
        private final boolean[] localTime;
        private long row;

        JdbcCursor(Connection connection, PreparedStatement statement, ResultSet rs, int[] columnOf,
                   boolean[] localTime) {
            this.connection = connection;
            this.statement = statement;
            this.rs = rs;
            this.columnOf = columnOf;
            this.localTime = localTime;
        }

        @Override
        public boolean next(RowConsumer<Row> value, Consumer<Rejection> rejected) {
            try {
                if (!rs.next()) {
                    return false;
                }
                row++;
                Object[] values = new Object[schema.size()];
                for (int f = 0; f < values.length; f++) {
                    Field field = schema.field(f);
                    if (columnOf[f] < 0) {
                        continue;
                    }
                    try {
                        values[f] = read(rs, columnOf[f], field.type(), localTime[f]);
                    } catch (SQLException | RuntimeException e) {
                        boolean pii = field.personal();
                        rejected.accept(new Rejection("PARSE_ERROR", "jdbc", field.name(), field.name()
                                + " does not convert to " + field.type() + (pii ? "" : ": " + e.getMessage()),
                                Masking.show(field, rs.getObject(columnOf[f])),
                                row, name()));
                        return true;
                    }
                }
                try {
                    value.accept(Row.of(schema, values), row);
                } catch (IllegalArgumentException e) {
                    StringBuilder raw = new StringBuilder("[");
                    for (int f = 0; f < values.length; f++) {
                        raw.append(f == 0 ? "" : ", ").append(Masking.show(schema.field(f),
                                values[f]));
                    }
                    rejected.accept(new Rejection("INVALID_ROW", "jdbc", "", e.getMessage(), raw.append(']').toString(),
                            row, name()));
                }
                return true;
            } catch (SQLException e) {
                throw new UnableToReadException("could not read query results after row " + row + ": "
                        + e.getMessage(), e);
            }
        }

        private Object read(ResultSet rs, int col, FieldType type, boolean local) throws SQLException {
            Object raw = rs.getObject(col);
            if (raw == null) {
                return null;
            }
            return switch (type) {
                case STRING, JSON -> rs.getString(col);
                case LONG -> {
                    long v = rs.getLong(col);
                    if (raw instanceof Number n && n.doubleValue() != v) {
                        throw new IllegalArgumentException("'" + raw + "' is not a whole number");
                    }
                    yield v;
                }
                case DOUBLE -> rs.getDouble(col);
                case DECIMAL -> rs.getBigDecimal(col);
                case BOOLEAN -> rs.getBoolean(col);
                case DATE -> rs.getObject(col, LocalDate.class);
                case TIMESTAMP -> local ? rs.getObject(col, LocalDateTime.class).toInstant(ZoneOffset.UTC)
                        : rs.getObject(col, OffsetDateTime.class).toInstant();
            };
        }

        @Override
        public void close() {
            try {
                rs.close();
                statement.close();
            } catch (SQLException ignored) {
                // closing the connection below releases everything anyway
            }
            JdbcSource.close(connection);
        }
    }
}

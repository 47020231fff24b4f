package org.marketlink.core.io;

import org.marketlink.core.Checks;
import org.marketlink.core.UnableToReadException;
import org.marketlink.core.data.ColumnBatch;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.ColumnCursor;
import org.marketlink.core.pipeline.ColumnSource;
import org.marketlink.core.pipeline.Cursor;
import org.marketlink.core.pipeline.Rejection;
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
public final class JdbcSource implements ColumnSource {
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
    public Schema schema() {
        return schema;
    }

    @Override
    public Cursor<Row> open() {
        Opened o = execute();
        return new JdbcCursor(o);
    }

    /**
     * Reads the query's results a column at a time. {@code BIGINT}, {@code INTEGER}, {@code SMALLINT} and
     * {@code TINYINT} columns read as {@code LONG}, and any column read as {@code DOUBLE}, go straight into the
     * batch's arrays ({@code getLong}/{@code getDouble} and {@code wasNull}, no object per value); the others are
     * read as {@link #open()} reads them.
     */
    @Override
    public ColumnCursor openColumns(int batchRows) {
        Checks.atLeast("batchRows", batchRows, 1);
        return new JdbcColumns(execute(), batchRows);
    }

    /** The query running, its result set open, each field's column found. */
    private record Opened(Connection connection, PreparedStatement statement, ResultSet rs, int[] columnOf,
                          boolean[] localTime, boolean[] integerColumn) {
    }

    private Opened execute() {
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
            boolean[] integer = new boolean[schema.size()];
            var meta = rs.getMetaData();
            for (int f = 0; f < schema.size(); f++) {
                columnOf[f] = -1;
                for (int col = 1; col <= meta.getColumnCount(); col++) {
                    if (meta.getColumnLabel(col).equalsIgnoreCase(schema.field(f).name())) {
                        columnOf[f] = col;
                        localTime[f] = withoutZone(meta.getColumnType(col), meta.getColumnTypeName(col));
                        integer[f] = isInteger(meta.getColumnType(col));
                    }
                }
                if (columnOf[f] < 0 && !schema.field(f).nullable()) {
                    throw new UnableToReadException("query has no column '" + schema.field(f).name() + "': " + sql);
                }
            }
            return new Opened(c, statement, rs, columnOf, localTime, integer);
        } catch (SQLException e) {
            close(c);
            throw new UnableToReadException("could not run query " + sql + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(c);
            throw e;
        }
    }

    private static boolean isInteger(int jdbcType) {
        return jdbcType == Types.BIGINT || jdbcType == Types.INTEGER || jdbcType == Types.SMALLINT
                || jdbcType == Types.TINYINT;
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

    /** One field's value of the current result row, as a row holds it. */
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

    /** The rejection of a row whose field does not convert. */
    private Rejection unconvertible(Field field, ResultSet rs, int col, Exception e, long row) throws SQLException {
        boolean pii = field.personal();
        return new Rejection("PARSE_ERROR", "jdbc", field.name(), field.name() + " does not convert to "
                + field.type() + (pii ? "" : ": " + e.getMessage()), Masking.show(field, rs.getObject(col)), row,
                name());
    }

    /** The rejection of a row whose values do not make a row of the schema (a required field empty). */
    private Rejection invalid(Object[] values, IllegalArgumentException e, long row) {
        StringBuilder raw = new StringBuilder("[");
        for (int f = 0; f < values.length; f++) {
            raw.append(f == 0 ? "" : ", ").append(Masking.show(schema.field(f), values[f]));
        }
        return new Rejection("INVALID_ROW", "jdbc", "", e.getMessage(), raw.append(']').toString(), row, name());
    }

    private final class JdbcCursor implements Cursor<Row> {
        private final Opened q;
        private long row;

        JdbcCursor(Opened q) {
            this.q = q;
        }

        @Override
        public boolean next(RowConsumer<Row> value, Consumer<Rejection> rejected) {
            ResultSet rs = q.rs;
            try {
                if (!rs.next()) {
                    return false;
                }
                row++;
                Object[] values = new Object[schema.size()];
                for (int f = 0; f < values.length; f++) {
                    Field field = schema.field(f);
                    if (q.columnOf[f] < 0) {
                        continue;
                    }
                    try {
                        values[f] = read(rs, q.columnOf[f], field.type(), q.localTime[f]);
                    } catch (SQLException | RuntimeException e) {
                        rejected.accept(unconvertible(field, rs, q.columnOf[f], e, row));
                        return true;
                    }
                }
                try {
                    value.accept(Row.of(schema, values), row);
                } catch (IllegalArgumentException e) {
                    rejected.accept(invalid(values, e, row));
                }
                return true;
            } catch (SQLException e) {
                throw new UnableToReadException("could not read query results after row " + row + ": "
                        + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            closeQuery(q);
        }
    }

    /** The results read into column batches: numbers straight into the arrays, the rest as rows read them. */
    private final class JdbcColumns implements ColumnCursor {
        private final Opened q;
        private final ColumnBatch batch;
        /** Per field: 1 read with getLong, 2 with getDouble, 0 as a row reads it. */
        private final int[] direct;
        private final Object[] values;
        private long row;
        private boolean done;

        JdbcColumns(Opened q, int batchRows) {
            this.q = q;
            this.batch = ColumnBatch.allocate(schema, batchRows);
            this.direct = new int[schema.size()];
            this.values = new Object[schema.size()];
            for (int f = 0; f < schema.size(); f++) {
                FieldType type = schema.field(f).type();
                direct[f] = q.columnOf[f] < 0 ? 0 : type == FieldType.LONG && q.integerColumn[f] ? 1
                        : type == FieldType.DOUBLE ? 2 : 0;
            }
        }

        @Override
        public ColumnBatch next(Consumer<Rejection> rejected) {
            if (done) {
                return null;
            }
            ResultSet rs = q.rs;
            long[] rowNumbers = batch.rowNumbers();
            int r = 0;
            try {
                while (r < batch.capacity() && rs.next()) {
                    row++;
                    if (readInto(rs, r, rejected)) {
                        rowNumbers[r++] = row;
                    }
                }
            } catch (SQLException e) {
                throw new UnableToReadException("could not read query results after row " + row + ": "
                        + e.getMessage(), e);
            }
            if (r < batch.capacity()) {
                done = true;
            }
            batch.setSize(r);
            return r == 0 ? null : batch;
        }

        /** Reads the current result row into batch row {@code r}; false when it is quarantined instead. */
        private boolean readInto(ResultSet rs, int r, Consumer<Rejection> rejected) throws SQLException {
            boolean requiredEmpty = false;
            for (int f = 0; f < direct.length; f++) {
                int col = q.columnOf[f];
                Field field = schema.field(f);
                boolean empty;
                switch (direct[f]) {
                    case 1 -> {
                        long v = rs.getLong(col);
                        empty = rs.wasNull();
                        batch.longs(f)[r] = empty ? 0L : v;
                        batch.nulls(f)[r] = empty;
                    }
                    case 2 -> {
                        double v = rs.getDouble(col);
                        empty = rs.wasNull();
                        batch.doubles(f)[r] = empty ? 0d : v;
                        batch.nulls(f)[r] = empty;
                    }
                    default -> {
                        Object v = null;
                        if (col >= 0) {
                            try {
                                v = read(rs, col, field.type(), q.localTime[f]);
                            } catch (SQLException | RuntimeException e) {
                                rejected.accept(unconvertible(field, rs, col, e, row));
                                return false;
                            }
                        }
                        batch.set(f, r, v);
                        empty = v == null;
                    }
                }
                requiredEmpty |= empty && !field.nullable();
            }
            if (requiredEmpty) {
                // rare: the row path's own check words the reason (the size is set again when the batch is full)
                batch.setSize(r + 1);
                for (int f = 0; f < values.length; f++) {
                    values[f] = batch.get(f, r);
                }
                try {
                    Row.of(schema, values);
                } catch (IllegalArgumentException e) {
                    rejected.accept(invalid(values, e, row));
                }
                return false;
            }
            return true;
        }

        @Override
        public void close() {
            closeQuery(q);
        }
    }

    private static void closeQuery(Opened q) {
        try {
            q.rs.close();
            q.statement.close();
        } catch (SQLException ignored) {
            // closing the connection below releases everything anyway
        }
        close(q.connection);
    }
}

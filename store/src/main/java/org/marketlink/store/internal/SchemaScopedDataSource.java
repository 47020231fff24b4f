package org.marketlink.store.internal;

import org.marketlink.store.Dialect;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * The host's data source with every connection pointed at MarketLink's schema while MarketLink holds it, and put
 * back as it was when MarketLink closes it: the store's SQL names its tables without a schema, and a guest must
 * not leave a host's pooled connection changed. On PostgreSQL the store's schema goes in front of the
 * connection's {@code search_path} (so a host table named without a schema is still found); on H2 the
 * connection's current schema is set.
 *
 * <p>The proxy is made once per borrowed connection, not per statement. Thread-safe as the host's data source is.
 */
public final class SchemaScopedDataSource implements DataSource {
    private final DataSource host;
    private final String schema;
    private final Dialect dialect;
    private final boolean restore;
    /** The schema as a quoted identifier, as it stands in front of a PostgreSQL search_path. */
    private final String quoted;

    /**
     * @param restore whether to put each connection back as it was on close; {@code false} only for a pool the
     *                store owns, whose connections nobody else sees
     */
    public SchemaScopedDataSource(DataSource host, String schema, Dialect dialect, boolean restore) {
        this.host = host;
        this.schema = schema;
        this.dialect = dialect;
        this.restore = restore;
        this.quoted = '"' + schema.replace("\"", "\"\"") + '"';
    }

    /** The data source this one wraps. */
    public DataSource host() {
        return host;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return scoped(host.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return scoped(host.getConnection(username, password));
    }

    private Connection scoped(Connection c) throws SQLException {
        String previous;
        try {
            previous = point(c);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        if (previous == null || !restore) {
            return c;
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Restoring(c, previous, !c.getAutoCommit()));
    }

    /** Points the connection at the store's schema; returns what to restore, or null when nothing changed. */
    private String point(Connection c) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            String path = query(c, "SELECT current_setting('search_path')");
            if (path != null && (path.equals(quoted) || path.startsWith(quoted + ","))) {
                return null;
            }
            setPath(c, path == null || path.isBlank() ? quoted : quoted + ", " + path);
            return path == null ? "" : path;
        }
        String current = c.getSchema();
        if (schema.equalsIgnoreCase(current)) {
            return null;
        }
        c.setSchema(schema);
        return current;
    }

    private void unpoint(Connection c, String previous) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            setPath(c, previous);
        } else {
            c.setSchema(previous);
        }
    }

    private static void setPath(Connection c, String path) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT set_config('search_path', ?, false)")) {
            s.setString(1, path);
            s.execute();
        }
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private final class Restoring implements InvocationHandler {
        private final Connection target;
        private final String previous;
        /** Whether the connection came inside the host's transaction (a store that joins host transactions). */
        private final boolean hostTransaction;
        private boolean closed;

        Restoring(Connection target, String previous, boolean hostTransaction) {
            this.target = target;
            this.previous = previous;
            this.hostTransaction = hostTransaction;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("close") && method.getParameterCount() == 0) {
                close();
                return null;
            }
            if (name.equals("equals") && args != null && args.length == 1) {
                return proxy == args[0];
            }
            if (name.equals("hashCode") && method.getParameterCount() == 0) {
                return System.identityHashCode(proxy);
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private void close() throws SQLException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (target.isClosed()) {
                    return;
                }
                if (hostTransaction) {
                    // the host's transaction: its commit or rollback is the host's to make. A failed one refuses
                    // the reset, and its rollback undoes the search path anyway
                    try {
                        unpoint(target, previous);
                    } catch (SQLException e) {
                        // left to the host's rollback
                    }
                    return;
                }
                if (!target.getAutoCommit()) {
                    // a failed transaction refuses every statement until it is rolled back
                    target.rollback();
                }
                unpoint(target, previous);
            } finally {
                target.close();
            }
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return host.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        host.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        host.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return host.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return host.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : host.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || host.isWrapperFor(type);
    }
}

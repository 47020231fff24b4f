package org.marketlink.store.internal;

import org.jdbi.v3.core.Handle;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * A data source over the one connection of a host's Jdbi handle: every borrow is that connection, and closing what
 * was borrowed leaves it open (it is the host's, with the host's transaction on it). Used on the handle's thread.
 */
public final class HandleConnection implements DataSource {
    private final Handle handle;

    /**
     * Over {@code handle}'s connection.
     *
     * @param handle the host's open handle
     */
    public HandleConnection(Handle handle) {
        this.handle = handle;
    }

    @Override
    public Connection getConnection() {
        Connection target = handle.getConnection();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (method.getParameterCount() == 0 && (name.equals("close") || name.equals("isClosed"))) {
                        return name.equals("isClosed") ? target.isClosed() : null; // the host closes it
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
                });
    }

    @Override
    public Connection getConnection(String username, String password) {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}

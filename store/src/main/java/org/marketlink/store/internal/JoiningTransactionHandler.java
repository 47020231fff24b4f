package org.marketlink.store.internal;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

import java.sql.SQLException;

/**
 * Jdbi's transactions, except that a write on a connection already inside a transaction (the host's: a Spring
 * transaction behind {@code TransactionAwareDataSourceProxy}, a Jdbi handle the host began) joins it: no begin,
 * no commit, no rollback, so the host's commit or rollback decides for MarketLink's writes too. On a connection in
 * auto-commit mode it is Jdbi's own handler. Thread-safe as Jdbi's handler is.
 */
public final class JoiningTransactionHandler extends DelegatingTransactionHandler {
    /** Whether the handle's connection was inside a transaction when the handle was opened: the host's. */
    private final boolean hostTransaction;

    /**
     * Wraps {@code delegate}, the handler used outside a host's transaction.
     *
     * @param delegate Jdbi's handler
     */
    public JoiningTransactionHandler(TransactionHandler delegate) {
        this(delegate, false);
    }

    private JoiningTransactionHandler(TransactionHandler delegate, boolean hostTransaction) {
        super(delegate);
        this.hostTransaction = hostTransaction;
    }

    /** Bound to a new handle: notes whether its connection is already in a transaction, which is then the host's. */
    @Override
    public TransactionHandler specialize(Handle handle) throws SQLException {
        boolean host = !handle.getConnection().getAutoCommit();
        return new JoiningTransactionHandler(getDelegate().specialize(handle), host);
    }

    /**
     * Not Jdbi's transaction when it is the host's: a handle closed inside the host's transaction must neither roll
     * it back nor complain that it was left open.
     */
    @Override
    public boolean isInTransaction(Handle handle) {
        return !hostTransaction && super.isInTransaction(handle);
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        return hostTransaction ? callback.withHandle(handle) : super.inTransaction(handle, callback);
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
                                                   HandleCallback<R, X> callback) throws X {
        return hostTransaction ? callback.withHandle(handle) : super.inTransaction(handle, level, callback);
    }
}

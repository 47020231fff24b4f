package org.marketlink.store.internal;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.marketlink.core.MarketLinkException;
import org.marketlink.core.UnableToReadException;
import org.marketlink.core.UnableToWriteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * Runs reads and transactional writes, retries writes that lost a race (deadlock, serialization failure,
 * concurrent insert of the same key) and turns driver errors into MarketLink exceptions that say what failed.
 */
public final class Sql {
    private static final Logger LOG = LoggerFactory.getLogger(Sql.class);
    /** Deadlock, serialization failure, H2 lock timeout: the whole transaction may simply be run again. */
    private static final Set<String> TRANSIENT = Set.of("40001", "40P01", "HYT00");
    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbi jdbi;
    private final int attempts;

    public Sql(Jdbi jdbi, int attempts) {
        this.jdbi = jdbi;
        this.attempts = Math.max(1, attempts);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** A read; any failure becomes {@link UnableToReadException} naming {@code what}. */
    public <T> T read(String what, HandleCallback<T, RuntimeException> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (JdbiException e) {
            throw new UnableToReadException("could not read " + what + ": " + DatabaseErrors.describe(e), DatabaseErrors.withheld(e));
        }
    }

    /**
     * A write in one transaction, all or nothing.
     *
     * @param what               what is written, for messages (for example {@code "12 products"})
     * @param keyRacesAreRetried whether a unique violation may be a lost race between two upserts of the same new
     *                           key (true for upserts, false for plain inserts, where it is a real duplicate)
     */
    public <T> T write(String what, boolean keyRacesAreRetried, HandleCallback<T, RuntimeException> callback) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(callback);
            } catch (JdbiException e) {
                String state = DatabaseErrors.sqlState(e);
                boolean retry = TRANSIENT.contains(state) || keyRacesAreRetried && UNIQUE_VIOLATION.equals(state);
                if (!retry || attempt >= attempts) {
                    throw new UnableToWriteException("could not write " + what + ": " + DatabaseErrors.describe(e),
                            DatabaseErrors.withheld(e));
                }
                LOG.debug("retrying write of {} after {} (attempt {})", what, state, attempt);
                backOff(attempt);
            } catch (MarketLinkException | IllegalArgumentException e) {
                throw e;
            }
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(200, (1L << attempt) + (long) (Math.random() * 5 * attempt)));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new UnableToWriteException("interrupted while retrying a write");
        }
    }

    /** Runs {@code callback} with a handle; convenience for repositories. */
    public <T> T withHandle(Handle handle, HandleCallback<T, RuntimeException> callback) {
        return callback.withHandle(handle);
    }
}

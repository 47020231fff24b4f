package org.marketlink.core.pipeline;

/**
 * A flag a host sets from any thread to stop a run after the chunk in progress. Thread-safe.
 */
public final class Cancellation {
    private volatile boolean cancelled;

    /** Asks the run to stop; safe from any thread, and more than once. */
    public void cancel() {
        cancelled = true;
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled;
    }
}

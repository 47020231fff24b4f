package org.marketlink.core.pipeline;

/**
 * A flag a host sets from any thread to stop a run after the chunk in progress. Thread-safe.
 */
public final class Cancellation {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}

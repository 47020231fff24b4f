package org.marketlink.core.pipeline;

/**
 * Told what a run does as it does it: the hook for metrics (the {@code marketlink-micrometer} module turns it into
 * meters in a host's registry) and for a host's own monitoring. Every method has a default that does nothing.
 *
 * <p>Called on the run's committing thread (the one that called {@code run}), in source order; an observer that
 * throws is logged and the run goes on, since watching a run must not break it. What an observer is handed may
 * hold personal data (a rejection's raw text): tag meters with names and reason codes only.
 */
public interface RunObserver {
    /** Observes nothing. */
    RunObserver NONE = new RunObserver() {
    };

    /** An observer that observes nothing. */
    static RunObserver none() {
        return NONE;
    }

    /**
     * A run has started.
     *
     * @param runId  the run's id, as in its report
     * @param source the source's name
     * @param sink   the sink's name
     */
    default void runStarted(String runId, String source, String sink) {
    }

    /**
     * A chunk's rows and rejections are durable.
     *
     * @param chunk what was written
     */
    default void chunkWritten(ChunkWritten chunk) {
    }

    /**
     * A write failed and will be tried again.
     *
     * @param chunk   the chunk being written
     * @param target  what was written to ({@code quarantine}, or the sink's name)
     * @param attempt the attempt that failed (1 for the first)
     * @param failure the failure's exception class
     */
    default void writeRetried(ChunkKey chunk, String target, int attempt, Class<? extends Throwable> failure) {
    }

    /**
     * The run has ended, completed or cancelled.
     *
     * @param report its report
     */
    default void runEnded(RunReport report) {
    }

    /**
     * The run has stopped on a failure (it throws {@code failure} to its caller next).
     *
     * @param runId   the run's id
     * @param failure the failure
     */
    default void runFailed(String runId, Throwable failure) {
    }
}

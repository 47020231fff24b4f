package org.marketlink.core.pipeline;

/** Told after each committed chunk. Called from the run's thread; keep it quick. */
@FunctionalInterface
public interface ProgressListener {
    /** Called with the progress so far, from the thread that runs the pipeline. */
    void onProgress(Progress progress);

    /** A listener that does nothing. */
    static ProgressListener none() {
        return p -> { };
    }
}

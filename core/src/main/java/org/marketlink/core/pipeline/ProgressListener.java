package org.marketlink.core.pipeline;

/** Told after each committed chunk. Called from the run's thread; keep it quick. */
@FunctionalInterface
public interface ProgressListener {
    void onProgress(Progress progress);

    static ProgressListener none() {
        return p -> { };
    }
}

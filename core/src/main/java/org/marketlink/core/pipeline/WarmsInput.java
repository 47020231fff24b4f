package org.marketlink.core.pipeline;

/**
 * A stateful stage that can do part of its work on each input ahead of time, on a worker, before the committing
 * thread applies it in source order: {@link Stages#distinct()} hashes each row there (a row keeps its hash), so the
 * one committing thread only looks the row up. {@link #warm} must be thread-safe and change nothing a later
 * {@code apply} could tell apart from not having called it.
 */
interface WarmsInput {
    /** Prepares {@code input} for the stage's later {@code apply}; called at most once per input, on any thread. */
    void warm(Object input);
}

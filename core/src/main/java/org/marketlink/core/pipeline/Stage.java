package org.marketlink.core.pipeline;

/**
 * One step of a pipeline: for each input, emit one or more outputs, or reject the input to quarantine. An input
 * that is neither emitted nor rejected is counted as dropped ({@link StageReport#dropped()}) and the run is not
 * balanced. An exception thrown by {@link #apply} quarantines that input with reason {@code STAGE_ERROR}; it never
 * stops the run, and what a stateless stage emitted for that input before it threw is taken back, so the input
 * is in quarantine only.
 *
 * <p>A stateless stage must be safe to call from several threads at once (chunks may run in parallel). A
 * stage that keeps state across rows says so with {@link #stateful()}: the runner then feeds it from one thread,
 * in source order, and calls {@link #finish} once at the end.
 *
 * @param <I> input type
 * @param <O> output type
 */
@FunctionalInterface
public interface Stage<I, O> {

    /** Handles one input row, emitting zero or more outputs; a thrown exception quarantines the row. */
    void apply(I input, Emitter<O> out) throws Exception;

    /** Called once after the last input; a stateful stage emits what it held back. */
    default void finish(Emitter<O> out) {
    }

    /** Whether this stage keeps state across rows. */
    default boolean stateful() {
        return false;
    }

    /**
     * Whether this stateful stage combines several inputs into one output (an aggregate), so that fewer rows
     * leave it than enter it by design; such rows are not counted as dropped.
     */
    default boolean combinesRows() {
        return false;
    }
}

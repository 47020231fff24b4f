package org.marketlink.core.pipeline;

/**
 * What one stage did in a run, counted by the runner as each input went through.
 *
 * <p>Every input of a stateless stage is counted as emitted (at least one output), rejected, or {@code dropped}:
 * neither emitted nor rejected, which breaks the promise that every row comes out once, so a run with a dropped
 * row is not {@linkplain RunReport#balanced() balanced}. A stateful stage's outputs cannot be tied to its inputs;
 * its rows still held when the run ends are counted as dropped, unless the stage
 * {@linkplain Stage#combinesRows() combines rows} (an aggregate), whose inputs become fewer outputs by design.
 *
 * @param name        the stage's name
 * @param rowsIn      inputs it was given
 * @param rowsOut     outputs it emitted (more than its inputs for a flatMap)
 * @param quarantined inputs it rejected, including {@code failed}
 * @param failed      inputs on which it threw an exception
 * @param dropped     inputs that came out nowhere (see above); 0 in a sound run
 * @param millis      time spent in it
 */
public record StageReport(String name, long rowsIn, long rowsOut, long quarantined, long failed, long dropped,
                          double millis) {

    /** A stage that dropped nothing. */
    public StageReport(String name, long rowsIn, long rowsOut, long quarantined, long failed, double millis) {
        this(name, rowsIn, rowsOut, quarantined, failed, 0, millis);
    }
}

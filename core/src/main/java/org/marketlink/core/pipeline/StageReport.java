package org.marketlink.core.pipeline;

/**
 * What one stage did in a run.
 *
 * @param name        the stage's name
 * @param rowsIn      inputs it was given
 * @param rowsOut     outputs it emitted (more than its inputs for a flatMap)
 * @param quarantined inputs it rejected, including {@code failed}
 * @param failed      inputs on which it threw an exception
 * @param millis      time spent in it
 */
public record StageReport(String name, long rowsIn, long rowsOut, long quarantined, long failed, double millis) {
}

package org.marketlink.core.pipeline;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far a run is.
 *
 * @param rowsRead      source rows read so far
 * @param rowsPerSecond read rate since the start
 * @param expectedRows  the source's size, when known
 * @param remaining     estimated time left, when the size is known
 */
public record Progress(long rowsRead, double rowsPerSecond, OptionalLong expectedRows, Optional<Duration> remaining) {
}

package org.marketlink.store;

import org.marketlink.core.Checks;

import java.time.Instant;
import java.util.List;

/**
 * Where one run's data came from and went: source, stages, target, counts and the order-independent checksum
 * of what was written.
 *
 * @param runId       the run
 * @param source      source name
 * @param stages      stage names, in order
 * @param target      sink name
 * @param rowsIn      rows read
 * @param rowsOut     rows written
 * @param quarantined rows quarantined
 * @param checksum    {@link org.marketlink.core.pipeline.Checksum#value()} of the rows written
 * @param startedAt   start
 * @param finishedAt  end
 */
public record LineageRecord(String runId, String source, List<String> stages, String target, long rowsIn,
                            long rowsOut, long quarantined, String checksum, Instant startedAt, Instant finishedAt) {
    /** Copies the stages and checks the times. */
    public LineageRecord {
        stages = List.copyOf(stages);
        startedAt = Checks.instant("startedAt", startedAt);
        finishedAt = Checks.instant("finishedAt", finishedAt);
    }
}

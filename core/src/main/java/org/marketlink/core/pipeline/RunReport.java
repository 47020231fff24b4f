package org.marketlink.core.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.marketlink.core.data.Json;

import java.time.Instant;
import java.util.List;

/**
 * The account of one run. Every source row ends in the target or in quarantine; stages that emit several rows
 * per input add {@code expanded} rows, so the run's balance is
 * {@code rowsIn + expanded == rowsOut + quarantined}, and {@link #balanced()} checks it.
 *
 * @param runId       unique id of the run
 * @param status      how it ended
 * @param source      source name
 * @param sink        sink name
 * @param stages      per-stage counts, in order
 * @param rowsIn      rows read from the source, including unreadable ones
 * @param rowsOut     rows written to the sink
 * @param quarantined rows sent to quarantine, by the source or any stage
 * @param expanded    extra rows made by stages that emit more than one row per input
 * @param chunks      chunks written
 * @param checksum    order-independent {@link Checksum} of the rows written to the sink
 * @param startedAt   start time
 * @param millis      wall time
 */
public record RunReport(String runId, Status status, String source, String sink, List<StageReport> stages, long rowsIn,
                        long rowsOut, long quarantined, long expanded, long chunks, String checksum, Instant startedAt,
                        double millis) {

    /** How a run ended. */
    public enum Status {
        /** Every row of the source was read and accounted for. */
        COMPLETED,
        /** The run was cancelled before the source ended. */
        CANCELLED
    }

    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public RunReport {
        stages = List.copyOf(stages);
    }

    /**
     * Whether every row is accounted for: {@code rowsIn + expanded == rowsOut + quarantined}, and no stage
     * {@linkplain StageReport#dropped() dropped} a row (a row that a stage neither emitted nor rejected would
     * otherwise vanish into {@code expanded}).
     */
    @JsonProperty("balanced")
    public boolean balanced() {
        return rowsIn + expanded == rowsOut + quarantined && dropped() == 0;
    }

    /** Rows that came out nowhere, summed over the stages. */
    @JsonProperty("dropped")
    public long dropped() {
        long sum = 0;
        for (StageReport s : stages) {
            sum += s.dropped();
        }
        return sum;
    }

    /** The report as JSON. */
    public String toJson() {
        return Json.write(this);
    }
}

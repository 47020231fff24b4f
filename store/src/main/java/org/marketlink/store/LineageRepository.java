package org.marketlink.store;

import com.fasterxml.jackson.core.type.TypeReference;
import org.marketlink.core.Checks;
import org.marketlink.core.NoSuchEntityException;
import org.marketlink.core.UnableToReadException;
import org.marketlink.core.data.Json;
import org.marketlink.core.pipeline.Checksum;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.StageReport;
import org.marketlink.store.internal.Args;
import org.marketlink.store.internal.Rows;
import org.marketlink.store.internal.StoreContext;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** The {@code lineage} table: one row per pipeline run. Thread-safe. */
public final class LineageRepository {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final StoreContext ctx;

    LineageRepository(StoreContext ctx) {
        this.ctx = ctx;
    }

    /** Records a finished run; recording the same run again replaces its record. */
    public LineageRecord record(RunReport report) {
        Checks.notNull("report", report);
        // the source and target are the host's names (a file path, a topic): cut to their columns, never refused
        LineageRecord record = new LineageRecord(report.runId(), QuarantineRepository.clipped(report.source(), 1000),
                report.stages().stream().map(StageReport::name).toList(),
                QuarantineRepository.clipped(report.sink(), 1000), report.rowsIn(),
                report.rowsOut(), report.quarantined(), report.checksum(), report.startedAt(),
                report.startedAt().plusNanos((long) (report.millis() * 1e6)));
        String upsert = ctx.dialect().hasAtomicUpsert()
                ? ctx.dialect().upsert("lineage", COLUMNS, JSON, List.of("run_id"), List.of())
                : null;
        ctx.sql().write("lineage of run " + report.runId(), true, h -> {
            if (upsert == null) {
                h.createUpdate("DELETE FROM lineage WHERE run_id = :run_id").bind("run_id", record.runId()).execute();
            }
            h.createUpdate(upsert != null ? upsert : ctx.dialect().insert("lineage", COLUMNS, JSON))
                    .bind("run_id", record.runId()).bind("source", record.source())
                    .bind("stages", Json.write(record.stages())).bind("target", record.target())
                    .bind("rows_in", record.rowsIn()).bind("rows_out", record.rowsOut())
                    .bind("quarantined", record.quarantined()).bind("checksum", record.checksum())
                    .bind("started_at", Args.timestamp(record.startedAt()))
                    .bind("finished_at", Args.timestamp(record.finishedAt()))
                    .bind("report", report.toJson()).execute();
            return null;
        });
        return record;
    }

    private static final List<String> COLUMNS = List.of("run_id", "source", "stages", "target", "rows_in",
            "rows_out", "quarantined", "checksum", "started_at", "finished_at", "report");
    private static final List<String> JSON = List.of("stages", "report");

    /** The lineage of run {@code runId}, if it was recorded. */
    public Optional<LineageRecord> find(String runId) {
        return ctx.sql().read("lineage of run " + runId, h -> h.createQuery("SELECT * FROM lineage WHERE "
                + "run_id = :run").bind("run", runId).map((rs, c) -> {
                    List<String> stages;
                    try {
                        stages = Json.mapper().readValue(rs.getString("stages"), STRINGS);
                    } catch (IOException e) {
                        throw new UnableToReadException("lineage of run " + runId
                                + " has unreadable stages", e);
                    }
                    return new LineageRecord(rs.getString("run_id"), rs.getString("source"), stages,
                            rs.getString("target"), rs.getLong("rows_in"), rs.getLong("rows_out"),
                            rs.getLong("quarantined"), rs.getString("checksum"), Rows.instant(rs, "started_at"),
                            Rows.instant(rs, "finished_at"));
                }).findOne());
    }

    /**
     * Recomputes the checksum over the run's target as it is now ({@code currentRows}, read back by the caller
     * in any order) and compares it with the recorded one.
     *
     * @throws NoSuchEntityException when the run was never recorded
     */
    public LineageCheck verify(String runId, Iterator<?> currentRows) {
        LineageRecord record = find(runId).orElseThrow(() -> new NoSuchEntityException("lineage run", runId));
        Checksum checksum = new Checksum();
        currentRows.forEachRemaining(checksum::add);
        return new LineageCheck(runId, record.checksum(), checksum.value());
    }
}

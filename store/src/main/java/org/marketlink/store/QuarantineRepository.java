package org.marketlink.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.QuarantineSink;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.store.internal.StoreContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quarantined rows of pipeline runs, in the {@code quarantine} table: the original raw row, the stage, the
 * column and the reason (raw text and message up to {@link #MAX_TEXT} characters each). Thread-safe.
 */
public final class QuarantineRepository {
    private final StoreContext ctx;
    private final QuarantineSink sink;

    QuarantineRepository(StoreContext ctx) {
        this.ctx = ctx;
        this.sink = (key, rejections) -> ctx.sql().write("quarantine chunk " + key.index(), false, h -> {
            write(h, key, rejections);
            return null;
        });
    }

    /**
     * A quarantine sink into the table. Each chunk is one transaction that first removes what an earlier attempt
     * at the same chunk wrote, so a retried chunk is written once. The same instance on every call: a
     * {@link TableSink} of this store recognises it and writes a chunk's rows and rejections in one transaction.
     */
    public QuarantineSink sink() {
        return sink;
    }

    /** Whether {@code candidate} is this repository's own sink. */
    boolean isSink(QuarantineSink candidate) {
        return candidate == sink;
    }

    /**
     * The most characters of a rejection's raw text or message the table keeps: H2's longest text value. A longer
     * one (a 5 MB message of a topic, a runaway CSV cell) keeps its start and says how long it was, the same on
     * PostgreSQL, instead of failing the chunk.
     */
    public static final int MAX_TEXT = 1_000_000;

    static String clipped(String text) {
        return clipped(text, MAX_TEXT);
    }

    /**
     * {@code text} when it has at most {@code max} characters; otherwise its start and how long it was, in
     * {@code max} characters. The names a rejection carries (its reason code, stage, column and source) come from the
     * host's pipeline and from the data itself (a CSV header), so they can be longer than their columns: they are cut
     * to fit, as the message and raw text are, rather than failing the chunk's write and with it the run.
     */
    static String clipped(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        String note = "… [cut: " + text.length() + " characters in all]";
        return text.substring(0, max - note.length()) + note;
    }

    /** Writes one chunk's rejections on {@code h}, replacing what an earlier attempt at the chunk wrote. */
    void write(Handle h, ChunkKey key, List<Rejection> rejections) {
        h.createUpdate("DELETE FROM quarantine WHERE run_id = :run AND chunk_index = :chunk")
                .bind("run", key.runId()).bind("chunk", key.index()).execute();
        PreparedBatch batch = h.prepareBatch("INSERT INTO quarantine (run_id, chunk_index, seq, reason_code, "
                + "stage, column_name, message, raw, row_number, source) VALUES (:run, :chunk, :seq, :code, "
                + ":stage, :column, :message, :raw, :row, :source)");
        int seq = 0;
        for (Rejection r : rejections) {
            batch.bind("run", key.runId()).bind("chunk", key.index()).bind("seq", seq++)
                    .bind("code", clipped(r.reasonCode(), 100)).bind("stage", clipped(r.stage(), 200))
                    .bind("column", clipped(r.column(), 200))
                    .bind("message", clipped(r.message())).bind("raw", clipped(r.raw())).bind("row", r.rowNumber())
                    .bind("source", clipped(r.source(), 1000)).add();
        }
        batch.execute();
    }

    /** The rejections of one run, in chunk and arrival order. */
    public List<Rejection> find(String runId) {
        return ctx.sql().read("quarantine of run " + runId, h -> h.createQuery("SELECT * FROM quarantine "
                        + "WHERE run_id = :run ORDER BY chunk_index, seq").bind("run", runId)
                .map((rs, c) -> new Rejection(rs.getString("reason_code"), rs.getString("stage"),
                        rs.getString("column_name"), rs.getString("message"), rs.getString("raw"),
                        rs.getLong("row_number"), rs.getString("source"))).list());
    }

    /**
     * Keeps one copy of the rejections of an unchanged input: deletes the quarantined rows of the earlier runs that
     * were the same as {@code latest} - the same source into the same target, the same rows in, out and
     * quarantined, the same checksum of the rows written, and the same rejections (reason, column, raw text, row
     * number and source, compared as sets) - so running a daily batch again over the same files does not store its
     * rejections twice. The earlier runs' lineage rows stay: the audit still shows that they ran. A run whose
     * rejections differ in any way keeps them. Call it after {@code latest} has a lineage row.
     *
     * @return the rows deleted
     */
    public int supersedeIdenticalRuns(RunReport latest) {
        if (latest == null) {
            throw new IllegalArgumentException("latest must not be null");
        }
        return ctx.sql().write("quarantine superseded by run " + latest.runId(), false, h -> {
            List<String> earlier = h.createQuery("SELECT run_id FROM lineage WHERE source = :source AND target = "
                            + ":target AND rows_in = :in AND rows_out = :out AND quarantined = :q AND checksum = :c "
                            + "AND run_id <> :run")
                    .bind("source", clipped(latest.source(), 1000)).bind("target", clipped(latest.sink(), 1000))
                    .bind("in", latest.rowsIn())
                    .bind("out", latest.rowsOut()).bind("q", latest.quarantined()).bind("c", latest.checksum())
                    .bind("run", latest.runId()).mapTo(String.class).list();
            int deleted = 0;
            for (String run : earlier) {
                String rows = "SELECT reason_code, column_name, raw, row_number, source FROM quarantine WHERE run_id = ";
                boolean same = h.createQuery("SELECT COUNT(*) FROM ((" + rows + ":a EXCEPT " + rows + ":b) UNION ALL ("
                                + rows + ":b EXCEPT " + rows + ":a)) d").bind("a", run).bind("b", latest.runId())
                        .mapTo(Long.class).one() == 0;
                if (same) {
                    deleted += h.createUpdate("DELETE FROM quarantine WHERE run_id = :run").bind("run", run).execute();
                }
            }
            return deleted;
        });
    }

    /** How many rows of one run were quarantined for each reason code, most frequent first. */
    public Map<String, Long> countByReason(String runId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        ctx.sql().read("quarantine summary of run " + runId, h -> h.createQuery("SELECT reason_code, COUNT(*) AS n "
                        + "FROM quarantine WHERE run_id = :run GROUP BY reason_code ORDER BY n DESC, reason_code")
                .bind("run", runId).map((rs, c) -> counts.put(rs.getString(1), rs.getLong(2))).list());
        return counts;
    }
}

package org.marketlink.core.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counts of one run, kept apart from the work they count: per stage what came in, went out, was rejected,
 * failed or came out nowhere; for the run what was read and what the sink and the quarantine acknowledged. Stage
 * counters are safe for the worker threads; the run totals are kept by the committing thread alone.
 */
final class RunAccounting {
    private static final Logger LOG = LoggerFactory.getLogger(RunAccounting.class);

    /** One stage's counters, added to from any worker thread. */
    static final class StageCounters {
        final LongAdder in = new LongAdder();
        final LongAdder out = new LongAdder();
        final LongAdder quarantined = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder dropped = new LongAdder();
        final LongAdder nanos = new LongAdder();

        /** Inputs that have neither come out nor been rejected: what a stateful stage holds (or lost). */
        long notOut() {
            return in.sum() - out.sum() - quarantined.sum();
        }
    }

    private final List<NamedStage> stages;
    private final StageCounters[] counters;
    private final Checksum checksum = new Checksum();
    private long rowsIn;
    private long rowsOut;
    private long quarantined;
    private long chunks;

    RunAccounting(List<NamedStage> stages) {
        this.stages = stages;
        this.counters = new StageCounters[stages.size()];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = new StageCounters();
        }
    }

    StageCounters stage(int i) {
        return counters[i];
    }

    void read(Chunk chunk) {
        rowsIn += chunk.rowsRead();
    }

    long rowsIn() {
        return rowsIn;
    }

    /** Rows the sink acknowledged so far. */
    long rowsOut() {
        return rowsOut;
    }

    /** Rejections the quarantine acknowledged so far. */
    long quarantined() {
        return quarantined;
    }

    /**
     * Whether a stage may still hold rows it has read and neither emitted nor rejected: a deduplication that keeps
     * the last row, a window, a grouping. A source position past such rows must not be committed yet. Read on the
     * committing thread, where the stateful stages run, so the counts are those of the chunks written.
     */
    boolean holdsRows() {
        for (int i = 0; i < stages.size(); i++) {
            Stage<?, ?> stage = stages.get(i).stage();
            if (!stage.stateful()) {
                continue;
            }
            StageCounters c = counters[i];
            // a combining stage's outputs do not match its inputs one to one: it may hold rows whenever it saw any
            if (stage.combinesRows() ? c.in.sum() > 0 : c.notOut() > 0) {
                return true;
            }
        }
        return false;
    }

    /** A chunk the sink and the quarantine both acknowledged. */
    void written(int rows, Checksum rowsChecksum, int rejections) {
        rowsOut += rows;
        checksum.addAll(rowsChecksum);
        quarantined += rejections;
        chunks++;
    }

    /** The report, logged at ERROR when it cannot prove that every row came out once. */
    RunReport report(String runId, RunReport.Status status, String source, String sink, Instant started, long t0) {
        List<StageReport> reports = new ArrayList<>();
        long expanded = 0;
        for (int i = 0; i < stages.size(); i++) {
            StageCounters c = counters[i];
            long in = c.in.sum();
            long out = c.out.sum();
            long q = c.quarantined.sum();
            long dropped = c.dropped.sum();
            Stage<?, ?> stage = stages.get(i).stage();
            if (stage.stateful() && !stage.combinesRows()) {
                // rows a stateful stage still holds at the end (or lost) came out nowhere
                dropped += Math.max(0, c.notOut());
            }
            reports.add(new StageReport(stages.get(i).name(), in, out, q, c.failed.sum(), dropped,
                    c.nanos.sum() / 1e6));
            expanded += out - (in - q);
        }
        RunReport report = new RunReport(runId, status, source, sink, reports, rowsIn, rowsOut, quarantined,
                expanded, chunks, checksum.value(), started, (System.nanoTime() - t0) / 1e6);
        if (!report.balanced()) {
            // a stage that neither emitted nor rejected a row, or still held rows, breaks the balance: say so loudly
            LOG.error("run {} is not balanced ({} rows came out nowhere): {}", runId, report.dropped(),
                    report.toJson());
        }
        return report;
    }
}

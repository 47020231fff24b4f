package org.marketlink.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.marketlink.core.Checks;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.ChunkWritten;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunObserver;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.StageReport;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A pipeline's runs as meters, all tagged {@code pipeline} with the name the host gives:
 *
 * <ul>
 *   <li>{@code marketlink.pipeline.rows.read}, {@code .rows.written} (counters, per chunk as it is made durable, so
 *   a stream's meters move while it runs);</li>
 *   <li>{@code marketlink.pipeline.rows.quarantined} (counter, tags {@code stage}, {@code reason});</li>
 *   <li>{@code marketlink.pipeline.chunk.write} (timer: the writes of a chunk, retries included) and
 *   {@code marketlink.pipeline.chunk.latency} (timer: from a chunk's first row read to its commit);</li>
 *   <li>{@code marketlink.pipeline.write.retries} (counter, tag {@code target}: {@code sink}, {@code quarantine} or
 *   {@code both});</li>
 *   <li>{@code marketlink.pipeline.runs} (timer, tags {@code status}: {@code completed}, {@code cancelled},
 *   {@code failed}; {@code balanced}) and, at a run's end, {@code marketlink.pipeline.stage.time} (timer, tag
 *   {@code stage}) and {@code marketlink.pipeline.stage.rows} (counter, tags {@code stage}, {@code direction}:
 *   {@code in}, {@code out}, {@code quarantined}, {@code dropped}).</li>
 * </ul>
 *
 * <p>Give it to a run with {@code RunOptions.withObserver(PipelineMetrics.of(registry, "interactions"))}; one
 * instance may watch many runs of the pipeline, one after another or at once. Thread-safe.
 */
public final class PipelineMetrics implements RunObserver {
    private final MeterRegistry registry;
    private final String pipeline;
    private final Counter read;
    private final Counter written;
    private final Timer write;
    private final Timer latency;

    private PipelineMetrics(MeterRegistry registry, String pipeline) {
        this.registry = registry;
        this.pipeline = pipeline;
        this.read = Counter.builder("marketlink.pipeline.rows.read").description("rows read from the source")
                .tag("pipeline", pipeline).register(registry);
        this.written = Counter.builder("marketlink.pipeline.rows.written")
                .description("rows the sink acknowledged").tag("pipeline", pipeline).register(registry);
        this.write = Timer.builder("marketlink.pipeline.chunk.write")
                .description("time to write a chunk and its rejections, retries included").tag("pipeline", pipeline)
                .register(registry);
        this.latency = Timer.builder("marketlink.pipeline.chunk.latency")
                .description("from a chunk's first row read to the chunk being durable").tag("pipeline", pipeline)
                .register(registry);
    }

    /**
     * Meters for the runs of one pipeline.
     *
     * @param registry the host's registry
     * @param pipeline the {@code pipeline} tag: a name the host chooses (not a file path or anything per run)
     * @return the observer to give to the runs
     */
    public static PipelineMetrics of(MeterRegistry registry, String pipeline) {
        Checks.notNull("registry", registry);
        return new PipelineMetrics(registry, Checks.notBlank("pipeline", pipeline));
    }

    @Override
    public void chunkWritten(ChunkWritten chunk) {
        read.increment(chunk.rowsRead());
        written.increment(chunk.rowsWritten());
        // one registry look-up per stage and reason of the chunk, not per rejection
        Map<List<String>, Integer> byCause = new HashMap<>();
        for (Rejection r : chunk.rejections()) {
            byCause.merge(List.of(r.stage(), r.reasonCode()), 1, Integer::sum);
        }
        byCause.forEach((cause, n) -> Counter.builder("marketlink.pipeline.rows.quarantined")
                .description("rows sent to quarantine").tag("pipeline", pipeline).tag("stage", cause.get(0))
                .tag("reason", cause.get(1)).register(registry).increment(n));
        write.record(chunk.writeTime());
        if (chunk.rowsRead() > 0) {
            latency.record(chunk.latency());
        }
    }

    @Override
    public void writeRetried(ChunkKey chunk, String target, int attempt, Class<? extends Throwable> failure) {
        String kind = target.startsWith("quarantine") ? "quarantine" : target.endsWith("with the quarantine")
                ? "both" : "sink";
        Counter.builder("marketlink.pipeline.write.retries").description("chunk writes tried again")
                .tag("pipeline", pipeline).tag("target", kind).register(registry).increment();
    }

    @Override
    public void runEnded(RunReport report) {
        runs(report.status().name().toLowerCase(Locale.ROOT), report.balanced())
                .record(Duration.ofNanos((long) (report.millis() * 1e6)));
        for (StageReport s : report.stages()) {
            Timer.builder("marketlink.pipeline.stage.time").description("time spent in a stage")
                    .tag("pipeline", pipeline).tag("stage", s.name()).register(registry)
                    .record(Duration.ofNanos((long) (s.millis() * 1e6)));
            stageRows(s.name(), "in", s.rowsIn());
            stageRows(s.name(), "out", s.rowsOut());
            stageRows(s.name(), "quarantined", s.quarantined());
            stageRows(s.name(), "dropped", s.dropped());
        }
    }

    @Override
    public void runFailed(String runId, Throwable failure) {
        runs("failed", false).record(Duration.ZERO);
    }

    private Timer runs(String status, boolean balanced) {
        return Timer.builder("marketlink.pipeline.runs").description("pipeline runs and their duration")
                .tag("pipeline", pipeline).tag("status", status).tag("balanced", String.valueOf(balanced))
                .register(registry);
    }

    private void stageRows(String stage, String direction, long rows) {
        Counter.builder("marketlink.pipeline.stage.rows").description("rows through a stage, by direction")
                .tag("pipeline", pipeline).tag("stage", stage).tag("direction", direction).register(registry)
                .increment(rows);
    }
}

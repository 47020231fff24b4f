package org.marketlink.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.ChunkWriteException;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.QuarantineSink;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.core.pipeline.Stages;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A table sink and its store's quarantine write a chunk's rows and rejections in one transaction: when the rows fail
 * (here a CHECK constraint the host's table has), the chunk's rejections are not left behind either, and the failure
 * says exactly which chunks are durable. With a quarantine of another kind, rejections go first and the failure
 * says they are in.
 */
class AtomicChunkTest {
    private static final Schema ITEMS = Schema.of(Field.required("id", FieldType.LONG),
            Field.required("qty", FieldType.LONG));
    /** The row the host's CHECK constraint refuses, in the third chunk of ten. */
    private static final long BAD_ID = 23;

    private static List<Row> rows() {
        return LongStream.rangeClosed(1, 50).mapToObj(id -> Row.of(ITEMS, id, id == BAD_ID ? -1L : id * 10)).toList();
    }

    private static Pipeline.Plan<Row> plan(MarketStore store, QuarantineSink quarantine) {
        store.jdbi().useHandle(h -> h.execute("CREATE TABLE host_items (id BIGINT PRIMARY KEY, qty BIGINT NOT NULL "
                + "CHECK (qty >= 0))"));
        return Pipeline.from(Sources.of("items", rows()))
                .then("fives", Stages.filter((Row r) -> r.getLong(0) % 5 != 0, "a multiple of 5"))
                .to(store.tableSink("host_items", ITEMS, List.of("id"))).quarantineTo(quarantine);
    }

    private static RunOptions options() {
        return RunOptions.defaults().withChunkSize(10).withRetries(2, Duration.ZERO);
    }

    private static List<Long> ids(MarketStore store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT id FROM host_items ORDER BY id").mapTo(Long.class)
                .list());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void withTheStoresQuarantine_aChunkIsWrittenWholeOrNotAtAll(Backend backend) {
        try (MarketStore store = backend.open()) {
            ChunkWriteException e = catchThrowableOfType(ChunkWriteException.class,
                    () -> plan(store, store.quarantine().sink()).run(options()));
            assertThat(e).isNotNull();
            assertThat(e.chunk().index()).isEqualTo(2);
            assertThat(e.rejectionsWritten()).isFalse();
            assertThat(e.rowsWrittenBefore()).isEqualTo(16);
            assertThat(e.rejectionsWrittenBefore()).isEqualTo(4);
            assertThat(e.getMessage()).contains("with the quarantine").contains("its 8 rows are not in the sink")
                    .contains("its 2 rejections are not in the quarantine");
            // chunks 0 and 1 whole, nothing of chunk 2: neither its 8 good rows nor its 2 rejections
            assertThat(ids(store)).containsExactlyElementsOf(LongStream.rangeClosed(1, 20).filter(id -> id % 5 != 0)
                    .boxed().toList());
            assertThat(store.quarantine().find(e.chunk().runId())).extracting(r -> r.rowNumber())
                    .containsExactly(5L, 10L, 15L, 20L);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void withTheStoresQuarantine_everyRowAndRejectionIsWrittenOnce(Backend backend) {
        try (MarketStore store = backend.open()) {
            RunReport report = Pipeline.from(Sources.of("items", rows().stream()
                            .filter(r -> r.getLong(0) != BAD_ID).toList()))
                    .then("fives", Stages.filter((Row r) -> r.getLong(0) % 5 != 0, "a multiple of 5"))
                    .to(createAndSink(store)).quarantineTo(store.quarantine().sink()).run(options());
            assertThat(report.balanced()).isTrue();
            assertThat(ids(store)).hasSize(39);
            assertThat(store.quarantine().countByReason(report.runId())).containsEntry("FILTERED", 10L);
        }
    }

    private static TableSink createAndSink(MarketStore store) {
        store.jdbi().useHandle(h -> h.execute("CREATE TABLE host_items (id BIGINT PRIMARY KEY, qty BIGINT NOT NULL "
                + "CHECK (qty >= 0))"));
        return store.tableSink("host_items", ITEMS, List.of("id"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void withAnotherQuarantine_rejectionsGoFirst_andTheFailureSaysSo(Backend backend) {
        try (MarketStore store = backend.open()) {
            Sinks.ListQuarantine quarantine = Sinks.quarantineList();
            ChunkWriteException e = catchThrowableOfType(ChunkWriteException.class,
                    () -> plan(store, quarantine).run(options()));
            assertThat(e).isNotNull();
            assertThat(e.rejectionsWritten()).isTrue();
            assertThat(e.getMessage()).contains("its 2 rejections are in the quarantine")
                    .contains("its 8 rows are not in the sink");
            assertThat(quarantine.rejections()).extracting(r -> r.rowNumber()).containsExactly(5L, 10L, 15L, 20L,
                    25L, 30L);
            assertThat(ids(store)).hasSize(16);
        }
    }
}

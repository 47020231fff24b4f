package org.marketlink.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row that enters a run comes out exactly once, in the sink or in quarantine, and the report proves it: these
 * are the ways rows were lost before while the report said balanced.
 */
class RowAccountingTest {
    private static final List<Integer> HUNDRED = IntStream.range(0, 100).boxed().toList();

    @Test
    void aStageThatNeitherEmitsNorRejects_isCountedAsDropped_andTheRunIsNotBalanced() {
        Stage<Integer, Integer> loses13 = (in, out) -> {
            if (in != 13) {
                out.emit(in);
            }
        };
        Sinks.ListSink<Integer> sink = Sinks.list();
        RunReport report = Pipeline.from(Sources.of("n", HUNDRED)).then("loses13", loses13).to(sink)
                .run(RunOptions.defaults().withChunkSize(7));
        assertThat(sink.rows()).hasSize(99);
        assertThat(report.stages().get(0).dropped()).isEqualTo(1);
        assertThat(report.dropped()).isEqualTo(1);
        assertThat(report.balanced()).isFalse();
        assertThat(report.toJson()).contains("\"balanced\":false", "\"dropped\":1");
    }

    @Test
    void aStatefulStageThatLosesHeldRows_isNotBalanced() {
        Stage<Integer, Integer> holdsOdd = new Stage<>() {
            @Override
            public void apply(Integer in, Emitter<Integer> out) {
                if (in % 2 == 0) {
                    out.emit(in);
                } // odd rows are held and never given back
            }

            @Override
            public boolean stateful() {
                return true;
            }
        };
        RunReport report = Pipeline.from(Sources.of("n", HUNDRED)).then("holdsOdd", holdsOdd).to(Sinks.list())
                .run(RunOptions.defaults().withChunkSize(10));
        assertThat(report.dropped()).isEqualTo(50);
        assertThat(report.balanced()).isFalse();
    }

    @Test
    void anAggregateThatCombinesRows_isBalanced() {
        Sinks.ListSink<Integer> sink = Sinks.list();
        RunReport report = Pipeline.from(Sources.of("n", HUNDRED))
                .then("tens", Stages.groupConsecutive((Integer i) -> i / 10, (k, rows) -> rows.size())).to(sink)
                .run(RunOptions.defaults().withChunkSize(8));
        assertThat(sink.rows()).containsOnly(10).hasSize(10);
        assertThat(report.dropped()).isZero();
        assertThat(report.balanced()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aFlatMapThatEmitsTwoAndThenThrows_putsTheRowInQuarantineOnly(int threads) {
        // a well-behaved flatMap of two outputs per row, except rows ending in 3, which throw after two
        Stage<Integer, Integer> twoEach = (in, out) -> {
            out.emit(in * 1000 + 1);
            out.emit(in * 1000 + 2);
            if (in % 10 == 3) {
                throw new IllegalStateException("after two outputs of " + in);
            }
        };
        Sinks.ListSink<Integer> sink = Sinks.list();
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        RunReport report = Pipeline.from(Sources.of("n", HUNDRED)).then("two", twoEach).to(sink)
                .quarantineTo(quarantine).run(RunOptions.defaults().withChunkSize(9).withParallelism(threads));
        Set<Integer> sourcesInSink = new HashSet<>();
        sink.rows().forEach(o -> sourcesInSink.add(o / 1000));
        Set<Long> quarantinedRows = new HashSet<>();
        quarantine.rejections().forEach(r -> quarantinedRows.add(r.rowNumber()));
        assertThat(quarantinedRows).hasSize(10);
        for (long row : quarantinedRows) {
            assertThat(sourcesInSink).doesNotContain((int) row - 1); // rows are numbered from 1
        }
        assertThat(sink.rows()).hasSize(180);
        assertThat(quarantine.rejections()).allMatch(r -> r.reasonCode().equals("STAGE_ERROR"));
        assertThat(report.balanced()).isTrue();
    }

    @Test
    void aFlatMapThatMakesNothing_quarantinesTheRow() {
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        RunReport report = Pipeline.from(Sources.of("n", HUNDRED))
                .then("evensTwice", Stages.flatMap((Integer i) -> i % 2 == 0 ? List.of(i, i) : List.of()))
                .to(Sinks.list()).quarantineTo(quarantine).run();
        assertThat(quarantine.rejections()).hasSize(50).allMatch(r -> r.reasonCode().equals(Stages.NO_OUTPUT));
        assertThat(report.rowsOut()).isEqualTo(100);
        assertThat(report.balanced()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void cancellingARun_flushesWhatStatefulStagesHold(int threads) {
        Cancellation cancel = new Cancellation();
        int n = 5_000;
        Iterable<Integer> slow = () -> new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public Integer next() {
                if (i == 2_000) {
                    cancel.cancel();
                }
                return i++ % 1_000; // every key five times
            }
        };
        Sinks.ListSink<Integer> sink = Sinks.list();
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        RunReport report = Pipeline.from(Sources.of("keys", slow))
                .then("latest", Stages.deduplicate((Integer k) -> k, Stages.Keep.LAST)).to(sink)
                .quarantineTo(quarantine)
                .run(RunOptions.defaults().withChunkSize(100).withParallelism(threads).withCancellation(cancel));
        assertThat(report.status()).isEqualTo(RunReport.Status.CANCELLED);
        assertThat(report.rowsIn()).isLessThan(n);
        // every row read is in the sink or in quarantine: the held latest rows were written, not lost
        assertThat(sink.rows().size() + quarantine.rejections().size()).isEqualTo(report.rowsIn());
        assertThat(sink.rows()).doesNotHaveDuplicates().hasSize(1_000);
        assertThat(report.balanced()).isTrue();
    }

    @Test
    void aListSinkSharedByTwoRuns_keepsTheRowsOfBoth() {
        Sinks.ListSink<Integer> shared = Sinks.list();
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        for (int run = 0; run < 2; run++) {
            Pipeline.from(Sources.of("n", HUNDRED)).then("odd", Stages.filter((Integer i) -> i % 2 == 0, "odd"))
                    .to(shared).quarantineTo(quarantine).run(RunOptions.defaults().withChunkSize(10));
        }
        assertThat(shared.rows()).hasSize(100);
        assertThat(quarantine.rejections()).hasSize(100);
    }

    @Test
    void aStageErrorAboutARowWithPersonalData_doesNotRepeatTheMessage() {
        Schema schema = Schema.of(Field.required("id", FieldType.LONG), Field.required("email", FieldType.STRING))
                .withPersonal("email");
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of(schema, 1L, "amina@example.org"));
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        Pipeline.from(Sources.of("people", rows)).then("boom", (Row r, Emitter<Row> out) -> {
            throw new IllegalArgumentException("cannot send to " + r.get("email"));
        }).to(Sinks.list()).quarantineTo(quarantine).run();
        Rejection r = quarantine.rejections().get(0);
        assertThat(r.reasonCode()).isEqualTo("STAGE_ERROR");
        assertThat(r.message() + r.raw()).doesNotContain("amina@example.org").contains("IllegalArgumentException");
    }

    @Test
    void aRejectedRow_keepsItsRawTextAsJsonWithFieldNames_personalMasked_andTextEscaped() throws Exception {
        Schema schema = Schema.of(Field.required("id", FieldType.LONG), Field.required("email", FieldType.STRING),
                Field.optional("note", FieldType.STRING), Field.optional("price", FieldType.DOUBLE),
                Field.optional("day", FieldType.DATE)).withPersonal("email");
        List<Row> rows = List.of(Row.of(schema, 7L, "amina@example.org", "says \"hi\"\n\\ok\u0001", Double.NaN,
                LocalDate.of(2023, 12, 15)), Row.of(schema, 8L, "b@example.org", null, 2.5, null));
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        Pipeline.from(Sources.of("people", rows)).then("check", (Row r, Emitter<Row> out) ->
                out.reject("BAD", "note", "refused")).to(Sinks.list()).quarantineTo(quarantine).run();
        assertThat(quarantine.rejections()).hasSize(2);
        String first = quarantine.rejections().get(0).raw();
        assertThat(first).doesNotContain("amina", "Row[");
        JsonNode parsed = new ObjectMapper().readTree(first);
        assertThat(parsed.fieldNames()).toIterable().containsExactly("id", "email", "note", "price", "day");
        assertThat(parsed.get("id").asLong()).isEqualTo(7L);
        assertThat(parsed.get("email").asText()).isEqualTo("***");
        assertThat(parsed.get("note").asText()).isEqualTo("says \"hi\"\n\\ok\u0001");
        assertThat(parsed.get("price").asText()).isEqualTo("NaN");
        assertThat(parsed.get("day").asText()).isEqualTo("2023-12-15");
        JsonNode second = new ObjectMapper().readTree(quarantine.rejections().get(1).raw());
        assertThat(second.get("note").isNull()).isTrue();
        assertThat(second.get("price").asDouble()).isEqualTo(2.5);
    }
}

package org.marketlink.core.pipeline;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineTest {

    record Reading(String key, int version, String payload) {
    }

    @Test
    void hasStatefulStage_isTrueOnlyWithAStageThatKeepsState() {
        Pipeline<Reading> plain = Pipeline.from(Sources.of("r", List.<Reading>of()))
                .then("map", Stages.map(r -> r)).then("filter", Stages.filter(r -> true, "never"));
        assertThat(plain.hasStatefulStage()).isFalse();
        assertThat(plain.then("dedupe", Stages.deduplicate(Reading::key, Stages.Keep.FIRST)).hasStatefulStage())
                .isTrue();
        assertThat(plain.then("distinct", Stages.distinct()).hasStatefulStage()).isTrue();
    }

    @Test
    void deduplicateBy_keepsLatestAndQuarantinesTheRest() {
        List<Reading> input = List.of(new Reading("a", 1, "a1"), new Reading("b", 1, "b1"), new Reading("a", 3, "a3"),
                new Reading("a", 2, "a2"), new Reading("c", 1, "c1"), new Reading("b", 1, "b1-again"));
        Sinks.ListSink<Reading> sink = Sinks.list();
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        RunReport report = Pipeline.from(Sources.of("readings", input))
                .then("latest", Stages.deduplicateBy(Reading::key, Comparator.comparingInt(Reading::version)))
                .to(sink).quarantineTo(quarantine).run(RunOptions.defaults().withChunkSize(2));
        assertThat(sink.rows()).extracting(Reading::payload).containsExactly("a3", "b1", "c1");
        assertThat(quarantine.rejections()).extracting(Rejection::raw, Rejection::rowNumber)
                .containsExactlyInAnyOrder(Tuple.tuple(input.get(0).toString(), 1L),
                        Tuple.tuple(input.get(3).toString(), 4L),
                        Tuple.tuple(input.get(5).toString(), 6L));
        assertThat(quarantine.rejections()).allMatch(r -> r.reasonCode().equals(Stages.DUPLICATE)
                && r.stage().equals("latest") && r.source().equals("readings"));
        assertThat(report.balanced()).isTrue();
        assertThat(report.toJson()).contains("\"balanced\":true", "\"rows_in\":6", "\"rows_out\":3");
    }

    @Test
    void sinkFailingOnAChunk_isRetriedWithoutLossOrDuplicates() {
        AtomicInteger failures = new AtomicInteger();
        List<Integer> written = new ArrayList<>();
        Sink<Integer> flaky = new Sink<>() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public void write(ChunkKey key, List<Integer> rows) {
                if (key.index() == 3 && failures.getAndIncrement() < 2) {
                    throw new IllegalStateException("connection reset");
                }
                written.addAll(rows);
            }
        };
        List<Integer> input = IntStream.range(0, 100).boxed().toList();
        RunReport report = Pipeline.from(Sources.of("n", input)).to(flaky)
                .run(RunOptions.defaults().withChunkSize(10).withRetries(3, Duration.ofMillis(1)));
        assertThat(failures.get()).isEqualTo(3);
        assertThat(written).isEqualTo(input);
        assertThat(report.rowsOut()).isEqualTo(100);
    }

    @Test
    void sinkFailingForGood_stopsNamingTheChunkAndKeepsEarlierChunks() {
        Sinks.ListSink<Integer> kept = Sinks.list();
        Sink<Integer> broken = new Sink<>() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public void write(ChunkKey key, List<Integer> rows) {
                if (key.index() == 2) {
                    throw new IllegalStateException("disk full");
                }
                kept.write(key, rows);
            }
        };
        var plan = Pipeline.from(Sources.of("n", IntStream.range(0, 50).boxed().toList())).to(broken);
        assertThatThrownBy(() -> plan.run(RunOptions.defaults().withChunkSize(10).withRetries(2, Duration.ZERO)))
                .isInstanceOf(UnableToRunException.class).hasMessageContaining("chunk 2")
                .hasMessageContaining("rows from 21").hasMessageContaining("disk full");
        assertThat(kept.rows()).isEqualTo(IntStream.range(0, 20).boxed().toList());
    }

    @Test
    void cancellation_stopsAfterTheCurrentChunk_andProgressIsReported() {
        Cancellation cancel = new Cancellation();
        List<Progress> progress = new ArrayList<>();
        Sinks.ListSink<Integer> sink = Sinks.list();
        RunReport report = Pipeline.from(Sources.of("n", IntStream.range(0, 1000).boxed().toList()))
                .to(sink)
                .run(RunOptions.defaults().withChunkSize(100).withCancellation(cancel).withListener(p -> {
                    progress.add(p);
                    if (p.rowsRead() >= 300) {
                        cancel.cancel();
                    }
                }));
        assertThat(report.status()).isEqualTo(RunReport.Status.CANCELLED);
        assertThat(sink.rows()).hasSize(300);
        assertThat(report.balanced()).isTrue();
        assertThat(progress).hasSize(3);
        assertThat(progress.get(0).expectedRows()).hasValue(1000);
        assertThat(progress.get(0).remaining()).isPresent();
    }

    @Test
    void emptySource_givesAnEmptyBalancedReport() {
        RunReport report = Pipeline.from(Sources.of("none", List.<Integer>of()))
                .then("m", Stages.map((Integer x) -> x)).to(Sinks.discard()).run();
        assertThat(report.rowsIn()).isZero();
        assertThat(report.chunks()).isZero();
        assertThat(report.balanced()).isTrue();
    }

    @Test
    void duplicateStageName_isRejected() {
        var p = Pipeline.from(Sources.of("n", List.of(1))).then("a", Stages.map((Integer x) -> x));
        assertThatThrownBy(() -> p.then("a", Stages.map((Integer x) -> x))).hasMessageContaining("'a'");
    }
}

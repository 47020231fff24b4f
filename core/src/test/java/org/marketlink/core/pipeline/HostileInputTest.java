package org.marketlink.core.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.io.CsvOptions;
import org.marketlink.core.io.CsvSource;
import org.marketlink.core.io.JsonLinesSource;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.MatchStatus;
import org.marketlink.core.privacy.Masking;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** One odd value, one odd stage or one dying reader never crashes the host, hangs, or loses a row silently. */
class HostileInputTest {
    private static final Schema NUMBERS = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("amount", FieldType.DECIMAL), Field.optional("ratio", FieldType.DOUBLE),
            Field.optional("at", FieldType.TIMESTAMP));
    // a watchdog for a run that could hang, not a timing assertion
    private static final Duration WATCHDOG = Duration.ofSeconds(60);

    private record Read(RunReport report, List<Row> rows, List<Rejection> rejections) {
    }

    private static Read run(Source<Row> source, int threads) {
        Sinks.ListSink<Row> sink = Sinks.list();
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        RunReport report = assertTimeoutPreemptively(WATCHDOG, () -> Pipeline.from(source).to(sink)
                .quarantineTo(quarantine).run(RunOptions.defaults().withChunkSize(2).withParallelism(threads)));
        return new Read(report, sink.rows(), quarantine.rejections());
    }

    @Test
    void hugeExponentsAndForeignNumberForms_areQuarantined_notAnOutOfMemoryError(@TempDir Path dir)
            throws IOException {
        String csv = "id,amount,ratio,at\n1,1E+999999999,,\n2,1E+2147483647,,\n3,2.50,1.5d,\n4,,0x1p3,\n"
                + "\u0661\u0662,,,\n5,12.5,0.25,2026-01-01T10:00:00-05:00\n6,1e3,2E-3,2026-01-01 10:00:00+05:30\n";
        for (int threads : new int[] {1, 2}) {
            Read r = run(CsvSource.of(Files.writeString(dir.resolve("n.csv"), csv), NUMBERS, CsvOptions.defaults()),
                    threads);
            assertThat(r.rows()).extracting(row -> row.getLong(0)).containsExactly(5L, 6L);
            assertThat(r.rows().get(0).get("at")).isEqualTo(Instant.parse("2026-01-01T15:00:00Z"));
            assertThat(r.rows().get(1).get("at")).isEqualTo(Instant.parse("2026-01-01T04:30:00Z"));
            assertThat(r.rows().get(1).getDecimal(1)).isEqualByComparingTo("1000");
            assertThat(r.rejections()).hasSize(5).allMatch(j -> j.reasonCode().equals("PARSE_ERROR"));
            assertThat(r.report().balanced()).isTrue();
        }
        Path jsonl = Files.writeString(dir.resolve("n.jsonl"), "{\"id\":1,\"amount\":\"1E+999999999\"}\n"
                + "{\"id\":2,\"amount\":1E+2147483647}\n{\"id\":3,\"amount\":7}\n");
        Read j = run(JsonLinesSource.rows(jsonl, NUMBERS), 1);
        assertThat(j.rows()).extracting(row -> row.getLong(0)).containsExactly(3L);
        assertThat(j.rejections()).hasSize(2);
    }

    @Test
    void aChecksumOfAHostsHugeDecimal_costsItsDigits() {
        Schema s = Schema.of(Field.required("amount", FieldType.DECIMAL));
        Row huge = Row.of(s, new BigDecimal("1E+999999999"));
        Row same = Row.of(s, new BigDecimal("10E+999999998"));
        String canonical = assertTimeoutPreemptively(WATCHDOG, () -> Checksum.canonical(huge));
        assertThat(canonical).hasSizeLessThan(40).isEqualTo(Checksum.canonical(same));
        assertThat(Checksum.canonical(Row.of(s, new BigDecimal("1.50"))))
                .isEqualTo(Checksum.canonical(Row.of(s, new BigDecimal("1.5"))));
    }

    @Test
    void maskingALongOrEscapeHeavyJsonLine_doesNotOverflowTheStack() {
        Schema s = Schema.of(Field.optional("email", FieldType.STRING)).withPersonal("email");
        String longValue = "{\"email\":\"" + "a".repeat(200_000) + "\", \"other\":\"x\"";
        String escapes = "{\"email\":\"" + "\\\"".repeat(20_000) + "\", \"note\":\"" + "\\\\".repeat(20_000) + "\"";
        assertThat(Masking.maskJson(longValue, s)).startsWith("{\"email\":\"***\"").contains("\"other\":\"x\"");
        assertThat(Masking.maskJson(escapes, s)).startsWith("{\"email\":\"***\"");
    }

    @Test
    void anErrorInTheReaderThread_failsTheParallelRun_insteadOfHangingIt() {
        Source<Integer> dying = Sources.of("dying", () -> new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (++i == 50) {
                    throw new StackOverflowError("simulated");
                }
                return i;
            }
        });
        assertThatThrownBy(() -> assertTimeoutPreemptively(WATCHDOG, () -> Pipeline.from(dying).to(Sinks.list())
                .run(RunOptions.defaults().withChunkSize(4).withParallelism(2))))
                .isInstanceOf(UnableToRunException.class).hasMessageContaining("dying")
                .hasRootCauseInstanceOf(StackOverflowError.class);
    }

    @Test
    void aStageThatFailsToFinish_failsTheRunNamingIt() {
        Stage<Integer, Integer> brokenFinish = new Stage<>() {
            @Override
            public void apply(Integer in, Emitter<Integer> out) {
                out.emit(in);
            }

            @Override
            public void finish(Emitter<Integer> out) {
                throw new IllegalStateException("boom");
            }

            @Override
            public boolean stateful() {
                return true;
            }
        };
        assertThatThrownBy(() -> Pipeline.from(Sources.of("n", List.of(1, 2, 3))).then("window", brokenFinish)
                .to(Sinks.list()).run()).isInstanceOf(UnableToRunException.class)
                .hasMessageContaining("stage 'window' failed to finish");
    }

    @Test
    void aStageThatEmitsNull_quarantinesTheRowSayingSo() {
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        RunReport report = Pipeline.from(Sources.of("n", List.of(1, 2, 3)))
                .then("half", Stages.map((Integer i) -> i == 2 ? null : i)).to(Sinks.list()).quarantineTo(quarantine)
                .run();
        assertThat(quarantine.rejections()).singleElement().satisfies(r -> {
            assertThat(r.reasonCode()).isEqualTo("STAGE_ERROR");
            assertThat(r.message()).contains("stage 'half' emitted null");
        });
        assertThat(report.balanced()).isTrue();
    }

    @Test
    void interruptingTheRunningThread_stopsTheRunAsCancelled_andKeepsTheFlag() {
        List<Integer> many = IntStream.range(0, 100_000).boxed().toList();
        Source<Integer> interrupting = Sources.of("n", () -> new Iterator<>() {
            private final Iterator<Integer> inner = many.iterator();

            @Override
            public boolean hasNext() {
                return inner.hasNext();
            }

            @Override
            public Integer next() {
                Integer v = inner.next();
                if (v == 1_000) {
                    Thread.currentThread().interrupt();
                }
                return v;
            }
        });
        Sinks.ListSink<Integer> sink = Sinks.list();
        RunReport report = Pipeline.from(interrupting).to(sink).run(RunOptions.defaults().withChunkSize(100));
        boolean flag = Thread.interrupted();
        assertThat(flag).isTrue();
        assertThat(report.status()).isEqualTo(RunReport.Status.CANCELLED);
        assertThat(report.rowsIn()).isLessThan(many.size());
        assertThat(sink.rows()).hasSize((int) report.rowsIn());
        assertThat(report.balanced()).isTrue();
    }

    @Test
    void recordsWithPersonalData_printTheirMaskNotTheirValues() {
        Match m = new Match(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Optional.empty(), 0.8,
                MatchStatus.PENDING, "call Wanjiru on 0711 222 333", Instant.EPOCH, Map.of(), Instant.EPOCH);
        assertThat(m.toString()).doesNotContain("Wanjiru").doesNotContain("0711").contains("initialMessage=***")
                .contains("score=0.8");
        assertThat(Masking.render(m)).isEqualTo(m.toString());
    }

    @Test
    void aSinkFailingOnRowsWithPersonalData_doesNotQuoteTheRowsInItsError() {
        Schema people = Schema.of(Field.required("id", FieldType.LONG), Field.required("phone", FieldType.STRING))
                .withPersonal("phone");
        List<Row> rows = List.of(Row.of(people, 1L, "0711222333"));
        Sink<Row> failing = new Sink<>() {
            @Override
            public String name() {
                return "db";
            }

            @Override
            public void write(ChunkKey key, List<Row> chunk) {
                throw new IllegalStateException("value too long in row " + chunk.get(0).get("phone"));
            }
        };
        assertThatThrownBy(() -> Pipeline.from(Sources.of("people", rows)).to(failing)
                .run(RunOptions.defaults().withRetries(2, Duration.ZERO)))
                .isInstanceOf(UnableToRunException.class).hasMessageContaining("chunk 0")
                .hasMessageContaining("IllegalStateException").message().doesNotContain("0711222333");
    }
}

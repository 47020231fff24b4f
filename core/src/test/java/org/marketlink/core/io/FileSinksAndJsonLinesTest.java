package org.marketlink.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Json;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.model.MarketData;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sink;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.core.pipeline.Stages;
import org.marketlink.core.testsupport.Samples;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class FileSinksAndJsonLinesTest {
    private static final Schema SCHEMA = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("name", FieldType.STRING), Field.optional("price", FieldType.DECIMAL),
            Field.optional("at", FieldType.TIMESTAMP));

    private static List<Row> rows(int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(Row.of(SCHEMA, (long) i, i % 4 == 0 ? "has, comma \"quoted\"" : "n" + i,
                    new BigDecimal(i + ".25"), Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)));
        }
        return rows;
    }

    /** Fails each chunk's first attempt after writing it, so every chunk is retried. */
    private static <T> Sink<T> failingOnce(Sink<T> inner) {
        return new Sink<>() {
            final Set<Long> failed = new HashSet<>();

            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public void write(ChunkKey key, List<T> rows) throws Exception {
                inner.write(key, rows);
                if (failed.add(key.index())) {
                    throw new IllegalStateException("acknowledgement lost");
                }
            }

            @Override
            public void complete() throws Exception {
                inner.complete();
            }
        };
    }

    @Test
    void csvSink_retriedChunks_writeEachRowOnce_andReadsBack(@TempDir Path dir) {
        Path file = dir.resolve("out.csv");
        List<Row> input = rows(95);
        RunReport report = Pipeline.from(Sources.of("rows", input)).to(failingOnce(CsvSink.create(file, SCHEMA)))
                .run(RunOptions.defaults().withChunkSize(10).withRetries(2, Duration.ZERO));
        assertThat(report.rowsOut()).isEqualTo(95);
        Sinks.ListSink<Row> back = Sinks.list();
        RunReport read = Pipeline.from(CsvSource.of(file, SCHEMA, CsvOptions.defaults())).to(back).run();
        assertThat(read.quarantined()).isZero();
        assertThat(back.rows()).isEqualTo(input);
    }

    @Test
    void jsonLines_recordsAndRows_roundTripWithRetries(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("md.jsonl");
        UUID product = UUID.randomUUID();
        List<MarketData> input = IntStream.range(0, 33)
                .mapToObj(i -> Samples.marketData(product, Samples.T0.plusSeconds(i))).toList();
        Pipeline.from(Sources.of("md", input)).to(failingOnce(JsonLinesSink.<MarketData>create(file)))
                .run(RunOptions.defaults().withChunkSize(8).withRetries(2, Duration.ZERO));
        assertThat(Files.readAllLines(file)).hasSize(33).allMatch(l -> l.contains("\"product_id\""));
        Sinks.ListSink<MarketData> back = Sinks.list();
        Pipeline.from(JsonLinesSource.records(file, MarketData.class)).to(back).run();
        assertThat(back.rows()).isEqualTo(input);

        Path rowsFile = dir.resolve("rows.jsonl");
        List<Row> rows = rows(12);
        Pipeline.from(Sources.of("rows", rows)).to(JsonLinesSink.<Row>create(rowsFile)).run();
        Sinks.ListSink<Row> rowsBack = Sinks.list();
        Pipeline.from(JsonLinesSource.rows(rowsFile, SCHEMA)).to(rowsBack).run();
        assertThat(rowsBack.rows()).isEqualTo(rows);
    }

    @Test
    void jsonLines_badLines_areQuarantinedAndReadingGoesOn(@TempDir Path dir) throws IOException {
        String good = Json.write(Samples.marketData(UUID.randomUUID(), Samples.T0));
        Path file = Files.writeString(dir.resolve("bad.jsonl"), good + "\n{not json\n\n"
                + good.replace("\"demand_signal\":6.5", "\"demand_signal\":60") + "\n[1,2]\n" + good + "\n");
        Sinks.ListSink<MarketData> sink = Sinks.list();
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        RunReport report = Pipeline.from(JsonLinesSource.records(file, MarketData.class)).to(sink)
                .quarantineTo(quarantine).run();
        assertThat(sink.rows()).hasSize(2);
        assertThat(quarantine.rejections()).extracting(Rejection::rowNumber).containsExactly(2L, 3L, 4L);
        assertThat(quarantine.rejections().get(1).message()).contains("demandSignal");
        assertThat(quarantine.rejections().get(0).raw()).isEqualTo("{not json");
        assertThat(report.balanced()).isTrue();
    }

    @Test
    void quarantineFile_keepsRawRowStageColumnAndReason(@TempDir Path dir) throws IOException {
        Path q = dir.resolve("quarantine.jsonl");
        try (JsonLinesSink.Quarantine quarantine = JsonLinesSink.quarantine(q)) {
            Pipeline.from(Sources.of("n", List.of(1, 2, 3, 4)))
                    .then("even", Stages.filter((Integer x) -> x % 2 == 0, "odd numbers are not wanted"))
                    .to(Sinks.discard()).quarantineTo(quarantine).run(RunOptions.defaults().withChunkSize(1));
        }
        List<String> lines = Files.readAllLines(q);
        assertThat(lines).hasSize(2);
        Rejection first = Json.read(lines.get(0), Rejection.class);
        assertThat(first).isEqualTo(new Rejection("FILTERED", "even", "", "odd numbers are not wanted", "1", 1, "n"));
    }

    @Test
    void hundredMegabyteLine_givesAClearResultNotACrash(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("huge.csv");
        try (var out = Files.newBufferedWriter(file)) {
            out.write("id,name,price\n1,");
            char[] block = new char[1 << 20];
            Arrays.fill(block, 'x');
            for (int i = 0; i < 100; i++) {
                out.write(block);
            }
            out.write(",2\n3,c,4\n");
        }
        Sinks.ListSink<Row> sink = Sinks.list();
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        RunReport report = Pipeline.from(CsvSource.of(file, Schema.of(Field.required("id", FieldType.LONG),
                        Field.optional("name", FieldType.STRING), Field.optional("price", FieldType.DECIMAL)),
                CsvOptions.defaults())).to(sink).quarantineTo(quarantine).run();
        assertThat(report.balanced()).isTrue();
        // the line is beyond the parser's limit on one value: it is quarantined with a reason, not loaded
        assertThat(quarantine.rejections()).hasSize(1);
        assertThat(quarantine.rejections().get(0).reasonCode()).isEqualTo("MALFORMED_CSV");
        assertThat(quarantine.rejections().get(0).message()).containsIgnoringCase("length");
        // reading goes on after it
        assertThat(sink.rows()).extracting(r -> r.getLong(0)).containsExactly(3L);
    }
}

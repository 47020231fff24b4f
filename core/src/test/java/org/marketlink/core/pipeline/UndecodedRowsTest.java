package org.marketlink.core.pipeline;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A source that leaves its rows undecoded: the run decodes them (on workers when it has them), counts every row once,
 * quarantines what does not decode with the source's own rejection, and holds a decoder that breaks its contract
 * (throws, hands over nothing, hands over two results) to one rejection per row.
 */
class UndecodedRowsTest {
    /** Texts of numbers, decoded into integers; "bad" is rejected by the decoder, the others break its contract. */
    private static Source<Integer> texts(List<String> values, Set<String> decodedOn) {
        return new Source<>() {
            @Override
            public String name() {
                return "texts";
            }

            @Override
            public Cursor<Integer> open() {
                return new Cursor<>() {
                    private int at;

                    @Override
                    public boolean next(RowConsumer<Integer> value, Consumer<Rejection> rejected) {
                        if (at == values.size()) {
                            return false;
                        }
                        String text = values.get(at++);
                        value.acceptUndecoded((row, into, rejects) -> {
                            decodedOn.add(Thread.currentThread().getName());
                            switch (text) {
                                case "bad" -> rejects.accept(new Rejection("PARSE_ERROR", "texts", "", "not a number",
                                        text, row, "texts"));
                                case "throws" -> throw new IllegalStateException("secret " + text);
                                case "nothing" -> {
                                }
                                case "twice" -> {
                                    into.accept(1, row);
                                    into.accept(2, row);
                                }
                                default -> into.accept(Integer.parseInt(text), row);
                            }
                        }, at, rejected);
                        return true;
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void everyUndecodedRowComesOutOnce_asARowOrARejection(int threads) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= 1_000; i++) {
            values.add(i % 100 == 7 ? "bad" : i % 100 == 21 ? "throws" : i % 100 == 42 ? "nothing"
                    : i % 100 == 63 ? "twice" : String.valueOf(i));
        }
        Set<String> decodedOn = ConcurrentHashMap.newKeySet();
        Sinks.ListSink<Integer> sink = Sinks.list();
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        RunReport report = Pipeline.from(texts(values, decodedOn)).then("double", Stages.map((Integer i) -> 2 * i))
                .to(sink).quarantineTo(quarantine)
                .run(RunOptions.defaults().withChunkSize(64).withParallelism(threads));

        assertThat(report.rowsIn()).isEqualTo(1_000);
        assertThat(report.rowsOut()).isEqualTo(960);
        assertThat(report.quarantined()).isEqualTo(40);
        assertThat(report.balanced()).isTrue();
        assertThat(report.stages().get(0).rowsIn()).isEqualTo(960);
        assertThat(sink.rows()).hasSize(960).allMatch(i -> i % 2 == 0);
        Map<String, Long> byReason = quarantine.rejections().stream()
                .collect(Collectors.groupingBy(Rejection::reasonCode, Collectors.counting()));
        assertThat(byReason).containsEntry("PARSE_ERROR", 10L).containsEntry(Decoding.DECODE_ERROR, 30L);
        // each rejection under its own row, and the decoder's exception message (it may quote the row) withheld
        assertThat(quarantine.rejections().stream().map(Rejection::rowNumber).distinct()).hasSize(40);
        assertThat(quarantine.rejections()).allMatch(r -> r.rowNumber() % 100 == 7 || r.rowNumber() % 100 == 21
                || r.rowNumber() % 100 == 42 || r.rowNumber() % 100 == 63);
        assertThat(quarantine.rejections()).noneMatch(r -> r.message().contains("secret"));
        if (threads > 1) {
            // decoded by the run's workers, not by the thread that reads the source
            assertThat(decodedOn).noneMatch(name -> name.startsWith("marketlink-reader"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aMergedSourceDecodesItsInputsRowsAsItReadsThem(int threads) {
        Set<String> decodedOn = ConcurrentHashMap.newKeySet();
        Sinks.ListSink<Tagged<Integer>> sink = Sinks.list();
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        RunReport report = Pipeline.from(MergedSource.of("both", List.of(texts(List.of("1", "bad", "3"), decodedOn),
                texts(List.of("4", "twice"), decodedOn)), 100)).to(sink).quarantineTo(quarantine)
                .run(RunOptions.defaults().withParallelism(threads));
        assertThat(report.balanced()).isTrue();
        assertThat(sink.rows().stream().map(Tagged::value)).containsExactlyInAnyOrder(1, 3, 4);
        assertThat(quarantine.rejections()).extracting(Rejection::reasonCode)
                .containsExactlyInAnyOrder("PARSE_ERROR", Decoding.DECODE_ERROR);
    }
}

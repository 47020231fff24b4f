package org.marketlink.core.pipeline;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.normalize.Normalize;
import org.marketlink.core.pipeline.normalize.Percentages;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class StagesTest {

    @Test
    void beforeFirstRunsOncePerKeyAndBeforeAnyRowOfThatKeyReachesTheSink() {
        Set<Integer> written = ConcurrentHashMap.newKeySet();
        Map<Integer, AtomicInteger> calls = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        List<Integer> rows = IntStream.range(0, 20_000).map(i -> (i * 7919) % 50).boxed().toList();
        List<Integer> stored = Collections.synchronizedList(new ArrayList<>());
        Sinks.ListQuarantine q = Sinks.quarantineList();
        RunReport r = Pipeline.from(Sources.of("facts", rows))
                .then("dimensions", Stages.beforeFirst((Integer k) -> k, k -> {
                    // key 13's first call fails: its row is quarantined and the next row of 13 tries again
                    if (k == 13 && calls.computeIfAbsent(k, x -> new AtomicInteger()).get() == 0
                            && failures.getAndIncrement() == 0) {
                        calls.get(k).incrementAndGet();
                        throw new IllegalStateException("the dimension store was busy");
                    }
                    calls.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
                    written.add(k);
                }))
                .to(Sinks.of("facts", chunk -> {
                    for (Integer k : chunk) {
                        assertThat(written).as("the dimension of %d was written first", k).contains(k);
                    }
                    stored.addAll(chunk);
                }))
                .quarantineTo(q).run(RunOptions.defaults().withChunkSize(64).withParallelism(2));
        assertThat(r.balanced()).isTrue();
        assertThat(q.rejections()).hasSize(1).extracting(Rejection::reasonCode).containsExactly("STAGE_ERROR");
        assertThat(stored).hasSize(rows.size() - 1);
        assertThat(calls).hasSize(50);
        calls.forEach((k, n) -> assertThat(n.get()).as("calls for %d", k).isEqualTo(k == 13 ? 2 : 1));
    }

    @Test
    void distinct_andSortedDeduplication() {
        Sinks.ListSink<String> sink = Sinks.list();
        RunReport r = Pipeline.from(Sources.of("s", List.of("a", "b", "a", "c", "b")))
                .then("distinct", Stages.distinct()).to(sink).run(RunOptions.defaults().withChunkSize(2));
        assertThat(sink.rows()).containsExactly("a", "b", "c");
        assertThat(r.quarantined()).isEqualTo(2);

        Sinks.ListSink<String> sorted = Sinks.list();
        Sinks.ListQuarantine q = Sinks.quarantineList();
        Pipeline.from(Sources.of("s", List.of("a1", "a2", "b1", "c1", "c2", "c3")))
                .then("first-per-letter", Stages.deduplicateSorted((String s) -> s.charAt(0)))
                .to(sorted).quarantineTo(q).run(RunOptions.defaults().withChunkSize(4).withParallelism(2));
        assertThat(sorted.rows()).containsExactly("a1", "b1", "c1");
        assertThat(q.rejections()).extracting(Rejection::raw).containsExactly("a2", "c2", "c3");
    }

    @Test
    void enrich_looksUpEachKeyOnce_andQuarantinesUnknownKeys() {
        Map<String, String> regions = Map.of("Kisumu", "Nyanza", "Mombasa", "Coast");
        AtomicInteger lookups = new AtomicInteger();
        Sinks.ListSink<String> sink = Sinks.list();
        Sinks.ListQuarantine q = Sinks.quarantineList();
        List<String> markets = new ArrayList<>();
        IntStream.range(0, 100).forEach(i -> markets.add(i % 3 == 0 ? "Kisumu" : i % 3 == 1 ? "Mombasa" : "Atlantis"));
        Pipeline.from(Sources.of("markets", markets))
                .then("region", Stages.enrich((String m) -> m, (String m) -> {
                    lookups.incrementAndGet();
                    return Optional.ofNullable(regions.get(m));
                }, (String m, String region) -> m + "/" + region, 100))
                .to(sink).quarantineTo(q).run(RunOptions.defaults().withChunkSize(7));
        assertThat(lookups.get()).isEqualTo(3);
        assertThat(sink.rows()).hasSize(67).contains("Kisumu/Nyanza", "Mombasa/Coast");
        assertThat(q.rejections()).hasSize(33).allMatch(r -> r.reasonCode().equals("NOT_FOUND"));
    }

    @Test
    void mergedSources_tagEveryRowAndLoseNothing() {
        Source<Integer> a = Sources.of("a", IntStream.range(0, 5000).boxed().toList());
        List<Integer> withNull = new ArrayList<>(IntStream.range(0, 3000).boxed().toList());
        withNull.set(10, null);
        Source<Integer> b = Sources.of("b", withNull);
        Sinks.ListSink<Tagged<Integer>> sink = Sinks.list();
        Sinks.ListQuarantine q = Sinks.quarantineList();
        RunReport r = Pipeline.from(MergedSource.of("a+b", List.of(a, b), 64)).to(sink).quarantineTo(q)
                .run(RunOptions.defaults().withChunkSize(500));
        assertThat(r.rowsIn()).isEqualTo(8000);
        assertThat(r.balanced()).isTrue();
        assertThat(sink.rows().stream().filter(t -> t.source().equals("a")).map(Tagged::value).toList())
                .isEqualTo(IntStream.range(0, 5000).boxed().toList());
        assertThat(sink.rows().stream().filter(t -> t.source().equals("b"))).hasSize(2999);
        assertThat(q.rejections()).singleElement().satisfies(rej -> {
            assertThat(rej.source()).isEqualTo("b");
            assertThat(rej.rowNumber()).isEqualTo(11);
        });
    }

    @Test
    void normalizeStages_retypeAndQuarantineWhatTheyCannotRead() {
        Schema in = Schema.of(Field.required("item", FieldType.STRING), Field.required("unit", FieldType.STRING),
                Field.required("price", FieldType.DECIMAL), Field.optional("vat", FieldType.STRING),
                Field.optional("amount", FieldType.STRING));
        var names = Normalize.names(in, "item");
        var perUnit = Normalize.pricePerBaseUnit(in, "price", "unit");
        var vat = Normalize.percentage(perUnit.outputSchema(), "vat", Percentages.BareNumbers.FRACTIONS_ONLY);
        var amount = Normalize.decimal(vat.outputSchema(), "amount");
        List<Row> rows = List.of(
                Row.of(in, "  Maize   flour ", "90 KG", new BigDecimal("1480"), "16%", "1.234,5"),
                Row.of(in, "Beans", "Bunch", new BigDecimal("10"), "0.16", "2"),
                Row.of(in, "Milk", "500 ML", new BigDecimal("30"), "16", "2"),
                Row.of(in, "Eggs", "Unit", new BigDecimal("15"), null, "1,234"),
                Row.of(in, "Tea", "400 G", new BigDecimal("120"), "0.16", null));
        Sinks.ListSink<Row> sink = Sinks.list();
        Sinks.ListQuarantine q = Sinks.quarantineList();
        RunReport r = Pipeline.from(Sources.of("items", rows)).then("names", names).then("per-unit", perUnit)
                .then("vat", vat).then("amount", amount).to(sink).quarantineTo(q).run();
        assertThat(r.balanced()).isTrue();
        assertThat(sink.rows()).hasSize(2);
        Row maize = sink.rows().get(0);
        assertThat(maize.schema()).isEqualTo(amount.outputSchema());
        assertThat(maize.get("item")).isEqualTo("Maize flour");
        assertThat(maize.get("base_unit")).isEqualTo("kg");
        assertThat((BigDecimal) maize.get("price_per_base_unit")).isEqualByComparingTo("16.4444");
        assertThat((BigDecimal) maize.get("vat")).isEqualByComparingTo("0.16");
        assertThat((BigDecimal) maize.get("amount")).isEqualByComparingTo("1234.5");
        assertThat(sink.rows().get(1).get("price_per_base_unit")).isEqualTo(new BigDecimal("300.0000"));
        assertThat(q.rejections()).extracting(Rejection::reasonCode, Rejection::column).containsExactly(
                Tuple.tuple(Normalize.UNKNOWN_UNIT, "unit"),
                Tuple.tuple(Normalize.BAD_PERCENTAGE, "vat"),
                Tuple.tuple(Normalize.BAD_DECIMAL, "amount"));
        assertThat(q.rejections().get(0).message()).contains("'Bunch'");
        assertThat(q.rejections().get(1).message()).contains("'16'").contains("ambiguous");
    }
}

package org.marketlink.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Cancellation;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sink;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.core.pipeline.Stages;
import org.marketlink.core.pipeline.Violation;
import org.marketlink.store.MarketStore;
import org.marketlink.store.QuarantineRepository;
import org.marketlink.store.TableSink;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Continuous runs against a real Kafka broker (KRaft, in this JVM) into the store's table upserts on H2: every
 * message arrives exactly once by key and poison is quarantined with its offset; a crash between the sink's commit
 * and the offset commit replays, never loses; two consumers in one group share the partitions through a rebalance;
 * the sink and the dead-letter quarantine write keyed messages with lineage headers. Waits use a watchdog of two
 * minutes, never a timing assertion.
 */
class KafkaPipelineTest {
    private static final Schema EVENTS = Schema.of(Field.required("id", FieldType.LONG),
            Field.optional("customer", FieldType.STRING), Field.optional("amount", FieldType.DECIMAL))
            .withPersonal("customer");
    private static final long WATCHDOG_MILLIS = 120_000;
    private static Broker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new Broker();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    private static byte[] event(long id) {
        return ("{\"id\":" + id + ",\"customer\":\"customer-" + (id % 50) + "\",\"amount\":\"" + (id % 100) + ".50\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void produce(String topic, long from, long to) throws Exception {
        List<String> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (long id = from; id < to; id++) {
            keys.add(String.valueOf(id));
            values.add(event(id));
        }
        broker.send(topic, keys, values);
    }

    private static TableSink table(MarketStore store) {
        store.jdbi().useHandle(h -> h.execute("CREATE TABLE events (id BIGINT PRIMARY KEY, customer TEXT, "
                + "amount NUMERIC(12, 2))"));
        return store.tableSink("events", EVENTS, List.of("id"));
    }

    private static long count(MarketStore store, String sql) {
        return store.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** Runs a plan on its own thread until {@code done} holds, then cancels it and returns how it ended. */
    private static RunReport runUntil(Pipeline.Plan<Row> plan, RunOptions options, BooleanSupplier done,
                                      Supplier<String> state) throws Exception {
        Cancellation cancel = new Cancellation();
        CompletableFuture<RunReport> run = CompletableFuture.supplyAsync(() -> plan.run(options
                .withCancellation(cancel)));
        long deadline = System.currentTimeMillis() + WATCHDOG_MILLIS;
        while (!done.getAsBoolean() && !run.isDone()) {
            if (System.currentTimeMillis() > deadline) {
                cancel.cancel();
                throw new AssertionError("the watchdog: the run did not get there; " + state.get());
            }
            Thread.sleep(20);
        }
        cancel.cancel();
        return run.get(WATCHDOG_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static RunOptions streaming() {
        return RunOptions.defaults().withChunkSize(250).withMaxLatency(Duration.ofMillis(200))
                .withRetries(3, Duration.ofMillis(10));
    }

    @Test
    void everyMessageArrivesOnceByKey_poisonIsQuarantinedWithItsOffset_andOffsetsReachTheEnd() throws Exception {
        String topic = "events-once";
        broker.createTopic(topic, 3);
        produce(topic, 0, 2_000);
        String huge = "{\"id\": 9000, \"note\": \"" + "x".repeat(5 << 20) + "\", ";   // 5 MB and broken
        broker.send(topic, List.of("p1", "p2", "p3", "p4"), Arrays.asList(
                "not json {".getBytes(StandardCharsets.UTF_8),
                "{\"id\": \"abc\", \"customer\": \"secret-person\"}".getBytes(StandardCharsets.UTF_8),
                huge.getBytes(StandardCharsets.UTF_8), null));
        for (int threads : new int[] {1, 2}) {
            String group = "once-" + threads;
            try (MarketStore store = MarketStore.inMemory()) {
                AtomicLong through = new AtomicLong();
                RunReport report = runUntil(Pipeline.from(KafkaSource.rows(broker.consumer(group), List.of(topic),
                                EVENTS)).to(table(store)).quarantineTo(store.quarantine().sink()),
                        streaming().withParallelism(threads).withCommitListener(c -> through.set(c.throughRow())),
                        () -> through.get() >= 2_004, () -> "through row " + through.get() + ", "
                                + count(store, "SELECT COUNT(*) FROM events") + " rows stored");
                assertThat(report.status()).isEqualTo(RunReport.Status.CANCELLED);
                assertThat(report.balanced()).isTrue();
                assertThat(count(store, "SELECT COUNT(*) FROM events")).isEqualTo(2_000);
                assertThat(count(store, "SELECT COUNT(DISTINCT id) FROM events")).isEqualTo(2_000);
                List<Rejection> poison = store.quarantine().find(report.runId());
                assertThat(poison).hasSize(4).allSatisfy(r -> assertThat(r.source()).startsWith("kafka:" + topic
                        + " " + topic + "-").contains("@"));
                assertThat(poison).extracting(Rejection::reasonCode).containsExactlyInAnyOrder("PARSE_ERROR",
                        "PARSE_ERROR", "PARSE_ERROR", "NULL_VALUE");
                // the 5 MB message: its start, and how long it was (the table keeps up to a million characters)
                assertThat(poison).anySatisfy(r -> assertThat(r.raw()).startsWith("{\"id\": 9000, \"note\": \"xxx")
                        .endsWith("characters in all]").hasSize(QuarantineRepository.MAX_TEXT));
                // the wrong-typed message names its field; its personal member is masked in the raw text
                assertThat(poison).anySatisfy(r -> assertThat(r.raw()).contains("\"id\": \"abc\"")
                        .doesNotContain("secret-person"));
                assertThat(broker.committed(group, topic)).isEqualTo(broker.ends(topic, 3));
            }
        }
    }

    /** Thrown by a sink after it has written a chunk: the process dies before the offsets are committed. */
    private static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("simulated crash after the sink committed");
        }
    }

    @Test
    void aCrashBetweenTheSinksCommitAndTheOffsetCommit_replaysTheChunk_andLosesNothing() throws Exception {
        String topic = "events-crash";
        broker.createTopic(topic, 2);
        produce(topic, 0, 1_000);
        try (MarketStore store = MarketStore.inMemory()) {
            TableSink table = table(store);
            AtomicLong written = new AtomicLong();
            Sink<Row> crashing = counting(table, written, 2);
            // chunks closed by size only, so that the third chunk is the messages 201 to 300
            RunOptions bySize = RunOptions.defaults().withChunkSize(100);
            Throwable crash = catchThrowable(() -> Pipeline.from(KafkaSource.rows(broker.consumer("crash"),
                    List.of(topic), EVENTS)).to(crashing).run(bySize));
            assertThat(crash).isInstanceOf(Crash.class);
            long afterCrash = count(store, "SELECT COUNT(*) FROM events");
            assertThat(afterCrash).isEqualTo(300);
            long committed = broker.committed("crash", topic).values().stream().mapToLong(Long::longValue).sum();
            assertThat(committed).as("offsets of the crashed chunk were not committed").isEqualTo(200);

            // restart in the same group: the crashed chunk is read again, and upserted once by key
            Sink<Row> counting = counting(table, written, -1);
            runUntil(Pipeline.from(KafkaSource.rows(broker.consumer("crash"), List.of(topic), EVENTS)).to(counting),
                    bySize.withMaxLatency(Duration.ofMillis(200)), () -> count(store, "SELECT COUNT(*) FROM events") == 1_000
                            && committedSum("crash", topic) == 1_000, () -> count(store, "SELECT COUNT(*) FROM events")
                            + " rows stored, offsets " + committedSum("crash", topic));
            assertThat(count(store, "SELECT COUNT(*) FROM events")).isEqualTo(1_000);
            assertThat(count(store, "SELECT COUNT(DISTINCT id) FROM events")).isEqualTo(1_000);
            assertThat(written.get()).as("the crashed chunk was delivered twice").isEqualTo(1_100);
            assertThat(broker.committed("crash", topic)).isEqualTo(broker.ends(topic, 2));
        }
    }

    /** {@code table}, counting the rows it is given into {@code written}, and crashing after chunk {@code crashAfter}. */
    private static Sink<Row> counting(TableSink table, AtomicLong written, long crashAfter) {
        return new Sink<>() {
            @Override
            public String name() {
                return table.name();
            }

            @Override
            public void write(ChunkKey key, List<Row> rows) {
                table.write(key, rows);
                written.addAndGet(rows.size());
                if (key.index() == crashAfter) {
                    throw new Crash();
                }
            }
        };
    }

    private static long committedSum(String group, String topic) {
        try {
            return broker.committed(group, topic).values().stream().mapToLong(Long::longValue).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void twoConsumersInOneGroup_shareThePartitionsThroughARebalance_andEveryKeyArrivesOnce() throws Exception {
        String topic = "events-rebalance";
        broker.createTopic(topic, 4);
        produce(topic, 0, 3_000);
        try (MarketStore store = MarketStore.inMemory()) {
            TableSink table = table(store);
            Map<String, AtomicLong> byConsumer = new HashMap<>(Map.of("a", new AtomicLong(), "b", new AtomicLong()));
            // a slow sink, so that the first consumer is still reading when the second joins
            Function<String, Sink<Row>> slow = who -> new Sink<>() {
                @Override
                public String name() {
                    return table.name();
                }

                @Override
                public void write(ChunkKey key, List<Row> rows) throws InterruptedException {
                    Thread.sleep(100);
                    table.write(key, rows);
                    byConsumer.get(who).addAndGet(rows.size());
                }
            };
            RunOptions options = RunOptions.defaults().withChunkSize(50).withMaxLatency(Duration.ofMillis(100));
            Cancellation stopA = new Cancellation();
            Map<String, Object> consumer = broker.consumer("shared");
            // small polls: each consumer comes back to the group often, so the rebalance is prompt
            consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
            CompletableFuture<RunReport> a = CompletableFuture.supplyAsync(() -> Pipeline.from(KafkaSource.rows(
                    consumer, List.of(topic), EVENTS)).to(slow.apply("a"))
                    .run(options.withCancellation(stopA)));
            long deadline = System.currentTimeMillis() + WATCHDOG_MILLIS;
            while (count(store, "SELECT COUNT(*) FROM events") < 300) {
                assertThat(System.currentTimeMillis()).isLessThan(deadline);
                Thread.sleep(20);
            }
            RunReport b = runUntil(Pipeline.from(KafkaSource.rows(consumer, List.of(topic), EVENTS))
                    .to(slow.apply("b")), options, () -> count(store, "SELECT COUNT(*) FROM events") == 3_000
                    && committedSum("shared", topic) == 3_000, () -> count(store, "SELECT COUNT(*) FROM events")
                    + " rows stored (a " + byConsumer.get("a") + ", b " + byConsumer.get("b") + "), offsets "
                    + committedSum("shared", topic) + ", a done " + a.isDone() + " failed " + a.isCompletedExceptionally());
            stopA.cancel();
            RunReport reportA = a.get(WATCHDOG_MILLIS, TimeUnit.MILLISECONDS);
            assertThat(count(store, "SELECT COUNT(*) FROM events")).isEqualTo(3_000);
            assertThat(count(store, "SELECT COUNT(DISTINCT id) FROM events")).isEqualTo(3_000);
            assertThat(byConsumer.get("a").get()).isPositive();
            assertThat(byConsumer.get("b").get()).as("the second consumer was given partitions").isPositive();
            assertThat(reportA.balanced()).isTrue();
            assertThat(b.balanced()).isTrue();
            assertThat(broker.committed("shared", topic)).isEqualTo(broker.ends(topic, 4));
        }
    }

    @Test
    void theSinkAndTheDeadLetterQuarantine_writeKeyedMessagesWithLineageHeaders() throws Exception {
        broker.createTopic("out", 2);
        broker.createTopic("dead-letters", 1);
        List<Row> rows = new ArrayList<>();
        for (long id = 1; id <= 100; id++) {
            rows.add(Row.of(EVENTS, id, "customer-" + id, new BigDecimal(id + ".25")));
        }
        RunReport report;
        try (KafkaSink<Row> sink = KafkaSink.rows(broker.producer(), "out", "id");
             KafkaQuarantine dead = KafkaQuarantine.to(broker.producer(), "dead-letters")) {
            report = Pipeline.from(Sources.of("rows", rows))
                    .then("tens", Stages.validate((Row r) -> r.getLong(0) % 10 == 0
                            ? List.of(new Violation("TENS", "id", "a multiple of ten")) : List.of()))
                    .to(sink).quarantineTo(dead).run(RunOptions.defaults().withChunkSize(30));
        }
        assertThat(report.rowsOut()).isEqualTo(90);
        List<ConsumerRecord<byte[], byte[]>> out = readAll("out", 90);
        assertThat(out).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).doesNotHaveDuplicates()
                .doesNotContain("10", "20");
        assertThat(out).allSatisfy(r -> {
            assertThat(new String(r.headers().lastHeader(Producers.RUN_HEADER).value(), StandardCharsets.UTF_8))
                    .isEqualTo(report.runId());
            assertThat(r.headers().lastHeader(Producers.CHUNK_HEADER)).isNotNull();
        });
        assertThat(new String(out.get(0).value(), StandardCharsets.UTF_8)).contains("\"id\":").contains("\"amount\":");
        List<ConsumerRecord<byte[], byte[]>> dead = readAll("dead-letters", 10);
        assertThat(dead).allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                .contains("\"reason_code\":\"TENS\"").doesNotContain("customer-10"));
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        Map<String, Object> c = broker.consumer("reader-" + topic);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + WATCHDOG_MILLIS;
            while (all.size() < expected) {
                assertThat(System.currentTimeMillis()).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(100)).forEach(all::add);
            }
        }
        return all;
    }
}

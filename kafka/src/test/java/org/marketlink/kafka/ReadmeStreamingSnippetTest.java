package org.marketlink.kafka;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Cancellation;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Stages;
import org.marketlink.quality.Suite;
import org.marketlink.quality.rules.Rules;
import org.marketlink.store.ConnectionOptions;
import org.marketlink.store.MarketStore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's streaming block is the tagged region below, quoted word for word and run against a real KRaft broker
 * in this JVM, into a host table on H2 (the block's {@code url}): every valid event stored once by its id although
 * the topic holds each twice, the invalid ones quarantined with their reason, and the run stopped by its
 * cancellation as a shutdown hook would.
 */
class ReadmeStreamingSnippetTest {
    private static final Path SOURCE = Path.of("src/test/java/org/marketlink/kafka/ReadmeStreamingSnippetTest.java");
    private static final Schema EVENTS = Schema.of(Field.required("event_id", FieldType.STRING),
            Field.required("customer", FieldType.STRING), Field.optional("amount", FieldType.DECIMAL))
            .withPersonal("customer");
    private static Broker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new Broker();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @Test
    void theReadmesKafkaConsumerHostRunsAsWritten() throws Exception {
        broker.createTopic("interactions-raw", 2);
        List<String> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (int copy = 0; copy < 2; copy++) {          // every event twice: the dedupe stage keeps one
            for (int i = 0; i < 500; i++) {
                keys.add("e" + i);
                String amount = i % 50 == 0 ? "-1.00" : (i % 7) + ".25";
                values.add(("{\"event_id\":\"e" + i + "\",\"customer\":\"c" + (i % 40) + "\",\"amount\":\"" + amount
                        + "\"}").getBytes(StandardCharsets.UTF_8));
            }
        }
        broker.send("interactions-raw", keys, values);
        Suite.Compiled suite = Suite.of("interactions", Rules.nonNegative("amount")).compile(EVENTS);
        String url = "jdbc:h2:mem:readme-streaming;DB_CLOSE_DELAY=-1";
        String user = "sa";
        String password = "";
        String bootstrap = broker.bootstrap();
        try (MarketStore host = MarketStore.connect(ConnectionOptions.of(url, user, password))) {
            host.jdbi().useHandle(h -> h.execute("CREATE TABLE interactions (event_id VARCHAR(20) PRIMARY KEY, "
                    + "customer VARCHAR(20), amount NUMERIC(12, 2))"));
        }
        CompletableFuture<Cancellation> stopped = new CompletableFuture<>();
        CompletableFuture<RunReport> running = CompletableFuture.supplyAsync(() -> {
            // tag::streaming[]
            MarketStore store = MarketStore.connect(ConnectionOptions.of(url, user, password));
            Map<String, Object> consumer = Map.of("bootstrap.servers", bootstrap, "group.id", "interactions");
            Cancellation stop = new Cancellation();                  // stop.cancel() from a shutdown hook
            // end::streaming[]
            stopped.complete(stop);
            try (store) {
                // tag::streaming[]
                RunReport report = Pipeline.from(KafkaSource.rows(consumer, List.of("interactions-raw"), EVENTS))
                        .then("valid", Stages.validate(suite::violations))
                        .then("dedupe", Stages.deduplicateWithin(row -> row.get("event_id"), 1_000_000))
                        .to(store.tableSink("interactions", EVENTS, List.of("event_id")))
                        .quarantineTo(store.quarantine().sink())
                        .run(RunOptions.defaults().withChunkSize(5_000).withMaxLatency(Duration.ofSeconds(1))
                                .withCancellation(stop));
                // end::streaming[]
                return report;
            }
        });
        Cancellation stop = stopped.get(60, TimeUnit.SECONDS);
        try (MarketStore check = MarketStore.connect(ConnectionOptions.of(url, user, password))) {
            long deadline = System.currentTimeMillis() + 120_000;
            while (quarantined(check) < 20 + 490 || rows(check) < 490) {
                if (System.currentTimeMillis() > deadline || running.isDone()) {
                    break;
                }
                Thread.sleep(50);
            }
            stop.cancel();
            RunReport report = running.get(120, TimeUnit.SECONDS);
            assertThat(report.rowsIn()).isEqualTo(1_000);
            assertThat(report.balanced()).isTrue();
            // 490 valid events, each stored once; the 10 negative amounts twice each, and the second copies of
            // the valid ones, quarantined for what they are
            assertThat(rows(check)).isEqualTo(490);
            Map<String, Long> reasons = check.quarantine().find(report.runId()).stream()
                    .collect(Collectors.groupingBy(Rejection::reasonCode, Collectors.counting()));
            assertThat(reasons).hasSize(2).containsEntry("DUPLICATE", 490L);
            assertThat(reasons.entrySet()).filteredOn(e -> !e.getKey().equals("DUPLICATE")).singleElement()
                    .satisfies(e -> assertThat(e.getValue()).isEqualTo(20L));
        }
        String region = region(Files.readAllLines(SOURCE));
        assertThat(Files.readString(Path.of("..", "README.md"))).as("the README quotes the block of %s", SOURCE)
                .contains(region);
    }

    private static long quarantined(MarketStore store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM quarantine").mapTo(Long.class)
                .one());
    }

    private static long rows(MarketStore store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM interactions").mapTo(Long.class)
                .one());
    }

    /** The lines between the tag and end markers (all of them, in order), without their common indentation. */
    private static String region(List<String> lines) {
        List<String> body = new ArrayList<>();
        List<Integer> indents = new ArrayList<>();
        boolean in = false;
        for (String line : lines) {
            String t = line.strip();
            if (t.equals("// tag::streaming[]")) {
                in = true;
            } else if (t.equals("// end::streaming[]")) {
                in = false;
            } else if (in) {
                body.add(line);
                indents.add(line.length() - line.stripLeading().length());
            }
        }
        // the second part is nested one level deeper (inside the try): each part loses its own first line's indent
        List<String> out = new ArrayList<>();
        int base = indents.get(0);
        for (int i = 0; i < body.size(); i++) {
            if (i > 0 && indents.get(i) > base && body.get(i).strip().startsWith("RunReport report")) {
                base = indents.get(i);
            }
            out.add(body.get(i).substring(Math.min(base, indents.get(i))));
        }
        return String.join("\n", out);
    }
}

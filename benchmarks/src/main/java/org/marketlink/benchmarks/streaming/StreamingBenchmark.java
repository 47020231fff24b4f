package org.marketlink.benchmarks.streaming;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.JsonRows;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.features.interaction.InteractionFields;
import org.marketlink.core.features.interaction.LiveInteractionFeatures;
import org.marketlink.core.pipeline.Cancellation;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.Feed;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.Sink;
import org.marketlink.core.pipeline.Source;
import org.marketlink.core.pipeline.Stages;
import org.marketlink.kafka.KafkaSource;
import org.marketlink.quality.Suite;
import org.marketlink.quality.rules.Rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Interaction events through Kafka: a broker in this JVM (KRaft, Kafka's own cluster test kit), 1,000,000 JSON
 * events on a topic of 4 partitions, event ids shuffled.
 *
 * <ul>
 *   <li><b>Throughput</b>: MarketLink's pipeline — {@code KafkaSource} (parse into rows) → validate (a suite of three
 *   rules) → incremental interaction features → sink, offsets committed per chunk — against the peer, a bare
 *   {@code KafkaConsumer} poll loop that only reads each value with Jackson's streaming parser (every member, its
 *   fastest form; a tree is slower) and counts. Each side reads the whole
 *   topic in a group of its own; rounds interleaved; the count and the sum of event ids checked equal.</li>
 *   <li><b>Latency</b>: a producer sends events at a steady rate while the pipeline runs with {@code maxLatency}
 *   1 s and 200 ms; latency is from each event's produce time (in its value) to its chunk's commit.</li>
 *   <li><b>In memory</b>: the same pipeline fed from a {@link Feed} (no broker): the library's own overhead.</li>
 * </ul>
 *
 * <p>Arguments: {@code [events=1000000] [rounds=3] [rate=50000] [memory]} ({@code memory}: the in-memory run only).
 * System properties {@code chunk} (5,000) and {@code threads} (2) set the throughput run's chunk size and parallelism.
 */
public final class StreamingBenchmark {
    private static final Schema EVENTS = Schema.of(Field.required("event_id", FieldType.LONG),
            Field.required("customer", FieldType.STRING), Field.required("item", FieldType.STRING),
            Field.required("ts", FieldType.LONG), Field.optional("rating", FieldType.DOUBLE))
            .withPersonal("customer");
    private static final InteractionFields FIELDS = InteractionFields.of(EVENTS, "customer", "item", "ts", "rating");
    private static final String TOPIC = "interactions";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamingBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args events, rounds and the latency phase's produce rate per second
     * @throws Exception when the broker or a run fails
     */
    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        if (args.length > 3 && args[3].equals("memory")) {
            inMemory(events); // the library's own part alone, for a profile
            return;
        }
        try (KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0").build()) {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            String bootstrap = cluster.bootstrapServers();
            createTopic(cluster, TOPIC, 4);
            long idSum = produce(bootstrap, TOPIC, events, 0);
            System.out.printf("topic %s: %,d events, 4 partitions, ids shuffled; sum of ids %d%n", TOPIC, events,
                    idSum);

            // one round of each first, not counted: both sides' code is compiled by the JIT before the clock counts
            check(peer(bootstrap, "peer-warm-up", events), ours(bootstrap, "ours-warm-up", events), events, idSum);
            double bestPeer = 0;
            double bestOurs = 0;
            double[] ratios = new double[rounds];
            for (int round = 1; round <= rounds; round++) {
                long[] peer = peer(bootstrap, "peer-" + round, events);
                long[] ours = ours(bootstrap, "ours-" + round, events);
                check(peer, ours, events, idSum);
                double peerRate = events / (peer[2] / 1e9);
                double ourRate = events / (ours[2] / 1e9);
                bestPeer = Math.max(bestPeer, peerRate);
                bestOurs = Math.max(bestOurs, ourRate);
                ratios[round - 1] = ourRate / peerRate;
                System.out.printf("round %d: bare consumer %,.0f events/s, MarketLink %,.0f events/s (%.2f)%n", round,
                        peerRate, ourRate, ourRate / peerRate);
            }
            System.out.printf("throughput, best of %d: MarketLink %,.0f events/s vs bare consumer %,.0f events/s: "
                    + "%.2f of it%n", rounds, bestOurs, bestPeer, bestOurs / bestPeer);
            Arrays.sort(ratios);
            System.out.printf("ratio of round to round (each side in the same round): median %.2f, lowest %.2f%n",
                    ratios[rounds / 2], ratios[0]);

            long offset = events;
            for (Duration maxLatency : List.of(Duration.ofSeconds(1), Duration.ofMillis(200))) {
                int n = Math.min(events, rate * 4);
                String live = "live-" + maxLatency.toMillis();
                createTopic(cluster, live, 4);
                long[] latencies = latency(bootstrap, live, n, rate, offset, maxLatency);
                offset += n;
                System.out.printf("latency at %,d events/s, maxLatency %d ms: p50 %d ms, p99 %d ms, max %d ms "
                        + "(%,d events)%n", rate, maxLatency.toMillis(), percentile(latencies, 0.50),
                        percentile(latencies, 0.99), latencies[latencies.length - 1], latencies.length);
            }
            inMemory(events);
        }
    }

    private static void createTopic(KafkaClusterTestKit cluster, String name, int partitions) throws Exception {
        try (Admin admin = cluster.admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
            while (true) {
                TopicDescription d;
                try {
                    d = admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw e;
                    }
                    d = null; // the answering broker does not know the new topic yet
                }
                if (d != null && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
                Thread.sleep(50);
            }
        }
    }

    private static byte[] event(long id, long ts, Random r) {
        return ("{\"event_id\":" + id + ",\"customer\":\"c" + r.nextInt(50_000) + "\",\"item\":\"i" + r.nextInt(5_000)
                + "\",\"ts\":" + ts + ",\"rating\":" + (r.nextInt(4) == 0 ? String.valueOf(1 + r.nextInt(5)) : "null")
                + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code value} with its {@code "ts":0} replaced by {@code now}: the produce time, set as the event is fed. */
    private static byte[] stamped(byte[] value, long now) {
        String text = new String(value, StandardCharsets.ISO_8859_1);
        return text.replace("\"ts\":0,", "\"ts\":" + now + ",").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 << 10);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return new KafkaProducer<>(p);
    }

    /** Produces {@code n} events with shuffled ids from {@code base}; returns the sum of their ids. */
    private static long produce(String bootstrap, String topic, int n, long base) {
        List<Long> ids = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            ids.add(base + i);
        }
        Collections.shuffle(ids, new Random(7));
        Random r = new Random(11);
        long sum = 0;
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            for (long id : ids) {
                producer.send(new ProducerRecord<>(topic, Long.toString(id).getBytes(StandardCharsets.UTF_8),
                        event(id, System.currentTimeMillis(), r)));
                sum += id;
            }
            producer.flush();
        }
        return sum;
    }

    private static Map<String, Object> consumer(String bootstrap, String group) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        return c;
    }

    /** The peer: poll, parse each value with Jackson, count and sum the ids. {count, id sum, nanos}. */
    private static long[] peer(String bootstrap, String group, int events) throws Exception {
        Map<String, Object> c = consumer(bootstrap, group);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        long count = 0;
        long sum = 0;
        long t0 = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            consumer.subscribe(List.of(TOPIC));
            while (count < events) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    // Jackson's streaming parser over every member: its fastest full read (a tree is slower)
                    try (JsonParser p = JSON.getFactory().createParser(r.value())) {
                        p.nextToken();
                        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                            String name = p.currentName();
                            JsonToken value = p.nextToken();
                            if (value == JsonToken.VALUE_NUMBER_INT && name.equals("event_id")) {
                                sum += p.getLongValue();
                            } else if (value == JsonToken.VALUE_STRING) {
                                p.getText();
                            } else if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
                                p.getDoubleValue();
                            }
                        }
                    }
                    count++;
                }
            }
            consumer.commitSync();
        }
        return new long[] {count, sum, System.nanoTime() - t0};
    }

    /** The features a stream keeps up to date, and the rows it has seen. */
    private static final class FeatureSink implements Sink<Row> {
        final LiveInteractionFeatures features = LiveInteractionFeatures.keepingRecent(10);
        final AtomicLong count = new AtomicLong();
        final AtomicLong idSum = new AtomicLong();
        /** Produce times of each chunk's rows, until its commit is seen. */
        final Map<Long, long[]> producedAt = new ConcurrentHashMap<>();

        @Override
        public String name() {
            return "features";
        }

        /** At a chunk's commit: the latency of each of its rows, from its produce time, into {@code latencies}. */
        void record(long chunk, long[] latencies, AtomicLong measured) {
            long now = System.currentTimeMillis();
            long[] ts = producedAt.remove(chunk);
            if (ts != null) {
                for (long t : ts) {
                    int at = (int) measured.getAndIncrement();
                    if (at < latencies.length) {
                        latencies[at] = now - t;
                    }
                }
            }
        }

        @Override
        public void write(ChunkKey key, List<Row> rows) {
            long[] ts = new long[rows.size()];
            long sum = 0;
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                ts[i] = r.getLong(3);
                sum += r.getLong(0);
            }
            // the rows as they are, bound by name once: no interaction object per event
            features.update(rows, FIELDS);
            producedAt.put(key.index(), ts);
            count.addAndGet(rows.size());
            idSum.addAndGet(sum);
        }
    }

    private static Pipeline<Row> validated(Source<Row> source) {
        Suite.Compiled suite = Suite.of("interactions", Rules.complete("customer"), Rules.between("rating", 1, 5),
                Rules.nonNegative("event_id")).compile(EVENTS);
        return Pipeline.from(source).then("valid", Stages.validate(suite::violations));
    }

    /** MarketLink: parse, validate, features, sink; offsets committed per chunk. {count, id sum, nanos}. */
    private static long[] ours(String bootstrap, String group, int events) throws Exception {
        FeatureSink sink = new FeatureSink();
        Cancellation stop = new Cancellation();
        // the last chunk closes by the latency bound: a short one, so the end of the run is not waited for long
        RunOptions options = RunOptions.defaults().withChunkSize(Integer.getInteger("chunk", 5_000))
                .withParallelism(Integer.getInteger("threads", 2))
                .withMaxLatency(Duration.ofMillis(200)).withCancellation(stop).withCommitListener(c -> {
                    sink.producedAt.remove(c.chunk().index());
                    if (c.throughRow() >= events) {
                        stop.cancel();
                    }
                });
        long t0 = System.nanoTime();
        validated(KafkaSource.rows(consumer(bootstrap, group), List.of(TOPIC), EVENTS)).to(sink).run(options);
        return new long[] {sink.count.get(), sink.idSum.get(), System.nanoTime() - t0};
    }

    private static void check(long[] peer, long[] ours, int events, long idSum) {
        if (peer[0] != events || ours[0] != events || peer[1] != idSum || ours[1] != idSum) {
            throw new IllegalStateException("outputs differ: peer " + peer[0] + " events (id sum " + peer[1]
                    + "), MarketLink " + ours[0] + " (id sum " + ours[1] + "), expected " + events + " (" + idSum
                    + ")");
        }
    }

    /** Latency of each event from its produce time to its chunk's commit, sorted (ms). */
    private static long[] latency(String bootstrap, String topic, int n, int rate, long base, Duration maxLatency)
            throws Exception {
        FeatureSink sink = new FeatureSink();
        Cancellation stop = new Cancellation();
        long[] latencies = new long[n];
        AtomicLong measured = new AtomicLong();
        RunOptions options = RunOptions.defaults().withChunkSize(5_000).withParallelism(2).withMaxLatency(maxLatency)
                .withCancellation(stop).withCommitListener(c -> {
                    sink.record(c.chunk().index(), latencies, measured);
                    if (measured.get() >= n) {
                        stop.cancel();
                    }
                });
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> validated(KafkaSource.rows(
                consumer(bootstrap, "latency-" + topic), List.of(topic), EVENTS)).to(sink).run(options));
        Thread.sleep(2_000); // the consumer joins its group before the first event is sent
        Random r = new Random(13);
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long due = t0 + (long) (i * 1e9 / rate);
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                long id = base + i;
                producer.send(new ProducerRecord<>(topic, Long.toString(id).getBytes(StandardCharsets.UTF_8),
                        event(id, System.currentTimeMillis(), r)));
            }
            producer.flush();
        }
        run.get(5, TimeUnit.MINUTES);
        long[] sorted = Arrays.copyOf(latencies, (int) Math.min(n, measured.get()));
        Arrays.sort(sorted);
        return sorted;
    }

    private static long percentile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }

    /** The same pipeline from an in-memory feed of the same JSON values: throughput and p99. */
    private static void inMemory(int events) throws Exception {
        Feed<byte[]> feed = Feed.of("memory", 20_000);
        FeatureSink sink = new FeatureSink();
        long[] latencies = new long[events];
        AtomicLong measured = new AtomicLong();
        Suite.Compiled suite = Suite.of("interactions", Rules.complete("customer"), Rules.between("rating", 1, 5),
                Rules.nonNegative("event_id")).compile(EVENTS);
        RunOptions options = RunOptions.defaults().withChunkSize(5_000).withParallelism(2)
                .withMaxLatency(Duration.ofMillis(200))
                .withCommitListener(c -> sink.record(c.chunk().index(), latencies, measured));
        // the values are made before the clock starts: on two cores, making them would compete with the pipeline
        Random r = new Random(17);
        byte[][] values = new byte[events][];
        for (int id = 0; id < events; id++) {
            values[id] = event(id, 0, r);
        }
        long t0 = System.nanoTime();
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> Pipeline.from(feed)
                .then("parse", Stages.map((byte[] value) -> {
                    try {
                        return JsonRows.parse(value, EVENTS);
                    } catch (IOException e) {
                        throw new IllegalArgumentException("not JSON", e);
                    }
                }))
                .then("valid", Stages.validate(suite::violations)).to(sink).run(options));
        for (int id = 0; id < events; id++) {
            feed.put(stamped(values[id], System.currentTimeMillis()));
        }
        feed.close();
        run.get(5, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] sorted = Arrays.copyOf(latencies, (int) Math.min(events, measured.get()));
        Arrays.sort(sorted);
        System.out.printf("in memory (Feed, no broker): %,.0f events/s, p50 %d ms, p99 %d ms, max %d ms (%,d events)%n",
                events / seconds, percentile(sorted, 0.5), percentile(sorted, 0.99), sorted[sorted.length - 1],
                sink.count.get());
    }
}

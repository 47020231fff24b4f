package org.marketlink.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.marketlink.core.Checks;
import org.marketlink.core.data.Json;
import org.marketlink.core.data.JsonRows;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Cursor;
import org.marketlink.core.pipeline.Source;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The messages of one or more topics, read in a consumer group, each JSON value as a row of a schema or as a
 * record. An unbounded source: a run over it goes on until it is cancelled (or its thread interrupted); give it
 * {@link org.marketlink.core.pipeline.RunOptions#withMaxLatency} so that a quiet topic's messages do not wait for a
 * full chunk.
 *
 * <p>Offsets are committed only through the run's chunk commits: once a chunk's rows and rejections are durable, the
 * offsets after its last message are committed (on the consumer's own thread, at its next poll, or when the run
 * ends). A crash before that replays the chunk; nothing is skipped. When partitions are revoked (another consumer
 * joins the group), offsets already durable are committed first, messages of those partitions not yet handed to
 * the run are dropped for the new owner, and offsets of rows still in flight are never committed for a partition
 * this consumer no longer owns: the new owner reads them again, which an idempotent sink absorbs.
 *
 * <p>A message that does not read (not JSON, a wrong type, a {@code null} value) is quarantined as
 * {@code PARSE_ERROR} or {@code NULL_VALUE} with its topic, partition and offset in the rejection's source and its
 * value as text (personal fields of the schema masked; bytes that are not UTF-8 in base64), and reading goes on.
 *
 * <p>The consumer configuration must name {@code bootstrap.servers} and {@code group.id}; this source sets
 * {@code enable.auto.commit=false} and byte-array deserialisers, and {@code auto.offset.reset=earliest} unless
 * given. It is never printed: it may hold credentials. Immutable and thread-safe; each {@link #open()} makes a
 * consumer of its own.
 *
 * @param <T> row type
 */
public final class KafkaSource<T> implements Source<T> {
    /** Turns a message value into a row, or throws to quarantine it. */
    @FunctionalInterface
    interface ValueReader<T> {
        T read(byte[] value) throws Exception;
    }

    private final Map<String, Object> config;
    private final List<String> topics;
    private final ValueReader<T> reader;
    private final Schema masking;
    private final Duration pollTimeout;

    private KafkaSource(Map<String, Object> config, List<String> topics, ValueReader<T> reader, Schema masking,
                        Duration pollTimeout) {
        this.config = config;
        this.topics = topics;
        this.reader = reader;
        this.masking = masking;
        this.pollTimeout = pollTimeout;
    }

    /**
     * Messages whose values are JSON objects, as rows of {@code schema} (members by field name, as JSON Lines
     * files read).
     *
     * @param consumerConfig the consumer's configuration: {@code bootstrap.servers}, {@code group.id}, security
     * @param topics         the topics to subscribe to
     * @param schema         the rows' fields
     * @return the source
     */
    public static KafkaSource<Row> rows(Map<String, ?> consumerConfig, Collection<String> topics, Schema schema) {
        Checks.notNull("schema", schema);
        return new KafkaSource<>(checked(consumerConfig), topicsOf(topics), value -> JsonRows.parse(value, schema),
                schema, Duration.ofMillis(100));
    }

    /**
     * Messages whose values are JSON records of {@code type}, read through MarketLink's JSON mapping (so the
     * records' own validation applies).
     *
     * @param consumerConfig the consumer's configuration
     * @param topics         the topics to subscribe to
     * @param type           the record class
     * @param <T>            the record type
     * @return the source
     */
    public static <T> KafkaSource<T> records(Map<String, ?> consumerConfig, Collection<String> topics, Class<T> type) {
        Checks.notNull("type", type);
        return new KafkaSource<>(checked(consumerConfig), topicsOf(topics),
                value -> Json.mapper().readValue(value, type), JsonRows.maskingOf(type), Duration.ofMillis(100));
    }

    /**
     * This source waiting at most {@code timeout} in each poll (default 100 ms): how soon a quiet topic lets the
     * run close a chunk or see a cancellation.
     *
     * @param timeout a positive duration
     * @return a new source
     */
    public KafkaSource<T> withPollTimeout(Duration timeout) {
        Checks.notNull("timeout", timeout);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("poll timeout must be positive, was " + timeout);
        }
        return new KafkaSource<>(config, topics, reader, masking, timeout);
    }

    private static Map<String, Object> checked(Map<String, ?> consumerConfig) {
        Checks.notNull("consumerConfig", consumerConfig);
        Map<String, Object> config = new HashMap<>(consumerConfig);
        for (String required : List.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConsumerConfig.GROUP_ID_CONFIG)) {
            if (config.get(required) == null || String.valueOf(config.get(required)).isBlank()) {
                throw new IllegalArgumentException("the consumer configuration must name " + required);
            }
        }
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return Map.copyOf(config);
    }

    private static List<String> topicsOf(Collection<String> topics) {
        Checks.notNull("topics", topics);
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("name at least one topic");
        }
        for (String t : topics) {
            Checks.notBlank("topic", t);
        }
        return List.copyOf(topics);
    }

    /** {@code kafka:} and the topics, for reports and lineage (never the configuration). */
    @Override
    public String name() {
        return "kafka:" + String.join(",", topics);
    }

    /** Unknown: a topic has no end. */
    @Override
    public OptionalLong estimatedSize() {
        return OptionalLong.empty();
    }

    /** A new consumer in the group, subscribed to the topics. */
    @Override
    public Cursor<T> open() {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config);
        return new KafkaCursor<>(consumer, topics, reader, masking, pollTimeout, name());
    }
}

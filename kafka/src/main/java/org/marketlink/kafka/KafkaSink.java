package org.marketlink.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.marketlink.core.Checks;
import org.marketlink.core.data.Json;
import org.marketlink.core.data.JsonRows;
import org.marketlink.core.data.Row;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.Sink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes rows to a topic as JSON, keyed, with an idempotent producer ({@code enable.idempotence}, {@code acks=all}),
 * so a message is written once however often the producer retries it. Each message carries the run and the chunk
 * that wrote it in headers ({@code marketlink.run}, {@code marketlink.chunk}) for lineage. A chunk is acknowledged
 * when every message of it is. A chunk the runner writes again after a failure is sent again: readers that need
 * each key once read the topic compacted, or upsert by key. Thread-safe; {@link #close()} it when done.
 *
 * @param <T> row type
 */
public final class KafkaSink<T> implements Sink<T>, AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final Function<? super T, String> key;
    private final Function<? super T, String> value;

    private KafkaSink(Map<String, ?> producerConfig, String topic, Function<? super T, String> key,
                      Function<? super T, String> value) {
        this.topic = Checks.notBlank("topic", topic);
        this.key = Checks.notNull("key", key);
        this.value = value;
        this.producer = Producers.create(producerConfig);
    }

    /**
     * Rows as JSON objects (field name to value), keyed by one of their fields.
     *
     * @param producerConfig the producer's configuration ({@code bootstrap.servers}, security)
     * @param topic          the topic
     * @param keyField       the field whose value is the message key
     * @return the sink
     */
    public static KafkaSink<Row> rows(Map<String, ?> producerConfig, String topic, String keyField) {
        Checks.notBlank("keyField", keyField);
        return new KafkaSink<>(producerConfig, topic, row -> String.valueOf(row.get(keyField)),
                row -> Json.write(JsonRows.toMap(row)));
    }

    /**
     * Records (or any value MarketLink's JSON mapping writes) as JSON, keyed by {@code key}.
     *
     * @param producerConfig the producer's configuration
     * @param topic          the topic
     * @param key            the message key of a record
     * @param <T>            the record type
     * @return the sink
     */
    public static <T> KafkaSink<T> records(Map<String, ?> producerConfig, String topic, Function<? super T, String> key) {
        return new KafkaSink<>(producerConfig, topic, key, Json::write);
    }

    @Override
    public String name() {
        return "kafka:" + topic;
    }

    @Override
    public void write(ChunkKey chunk, List<T> rows) {
        List<byte[]> keys = new ArrayList<>(rows.size());
        List<byte[]> values = new ArrayList<>(rows.size());
        for (T row : rows) {
            keys.add(key.apply(row).getBytes(StandardCharsets.UTF_8));
            values.add(value.apply(row).getBytes(StandardCharsets.UTF_8));
        }
        Producers.sendAll(producer, topic, chunk, keys, values);
    }

    /** Closes the producer, after sending what it holds. */
    @Override
    public void close() {
        producer.close();
    }
}

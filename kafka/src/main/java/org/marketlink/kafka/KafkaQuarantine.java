package org.marketlink.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.marketlink.core.Checks;
import org.marketlink.core.data.Json;
import org.marketlink.core.pipeline.ChunkKey;
import org.marketlink.core.pipeline.QuarantineSink;
import org.marketlink.core.pipeline.Rejection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A dead-letter topic as a run's quarantine: each rejected row becomes one JSON message (reason code, stage,
 * column, message, raw text as the run kept it — personal fields already masked —, row number and source; for a
 * message read from Kafka the source names its topic, partition and offset), keyed by its source, with the run and
 * chunk in headers. Idempotent producer; thread-safe; {@link #close()} it when done.
 */
public final class KafkaQuarantine implements QuarantineSink, AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    private KafkaQuarantine(Map<String, ?> producerConfig, String topic) {
        this.topic = Checks.notBlank("topic", topic);
        this.producer = Producers.create(producerConfig);
    }

    /**
     * A quarantine into {@code topic}.
     *
     * @param producerConfig the producer's configuration ({@code bootstrap.servers}, security)
     * @param topic          the dead-letter topic
     * @return the quarantine
     */
    public static KafkaQuarantine to(Map<String, ?> producerConfig, String topic) {
        return new KafkaQuarantine(producerConfig, topic);
    }

    @Override
    public void write(ChunkKey chunk, List<Rejection> rejections) {
        List<byte[]> keys = new ArrayList<>(rejections.size());
        List<byte[]> values = new ArrayList<>(rejections.size());
        for (Rejection r : rejections) {
            keys.add((r.source() + "#" + r.rowNumber()).getBytes(StandardCharsets.UTF_8));
            values.add(Json.write(r).getBytes(StandardCharsets.UTF_8));
        }
        Producers.sendAll(producer, topic, chunk, keys, values);
    }

    /** Closes the producer, after sending what it holds. */
    @Override
    public void close() {
        producer.close();
    }
}

package org.marketlink.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.marketlink.core.Checks;
import org.marketlink.core.UnableToWriteException;
import org.marketlink.core.pipeline.ChunkKey;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** The producer both Kafka writers use: idempotent, every write acknowledged by all in-sync replicas. */
final class Producers {
    /** Header naming the run that wrote a message. */
    static final String RUN_HEADER = "marketlink.run";
    /** Header naming the chunk (its index in the run) that wrote a message. */
    static final String CHUNK_HEADER = "marketlink.chunk";

    private Producers() {
    }

    static KafkaProducer<byte[], byte[]> create(Map<String, ?> producerConfig) {
        Checks.notNull("producerConfig", producerConfig);
        Map<String, Object> config = new HashMap<>(producerConfig);
        if (config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
            throw new IllegalArgumentException("the producer configuration must name "
                    + ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        }
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(config);
    }

    /** Sends one chunk's messages and waits until every one is acknowledged; the first failure is thrown. */
    static void sendAll(KafkaProducer<byte[], byte[]> producer, String topic, ChunkKey chunk,
                        List<byte[]> keys, List<byte[]> values) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(values.size());
        byte[] run = chunk.runId().getBytes(StandardCharsets.UTF_8);
        byte[] index = Long.toString(chunk.index()).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < values.size(); i++) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, keys.get(i), values.get(i));
            record.headers().add(RUN_HEADER, run).add(CHUNK_HEADER, index);
            sent.add(producer.send(record));
        }
        producer.flush();
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get();
            } catch (ExecutionException e) {
                // the broker's reason names the topic and the error, never the message
                throw new UnableToWriteException("could not write message " + (i + 1) + " of chunk " + chunk.index()
                        + " to topic " + topic + ": " + e.getCause().getClass().getSimpleName() + " "
                        + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnableToWriteException("interrupted while writing chunk " + chunk.index() + " to topic "
                        + topic);
            }
        }
    }
}

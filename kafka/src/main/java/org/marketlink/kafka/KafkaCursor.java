package org.marketlink.kafka;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.marketlink.core.data.JsonRows;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Cursor;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.Undecoded;
import org.marketlink.core.privacy.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * One consumer of a {@link KafkaSource}. The consumer is used on one thread at a time only: the reading thread
 * polls and commits; a chunk made durable on another thread (a parallel run's committing thread) only queues its
 * position, which the reading thread commits at its next poll (or {@link #close()} does).
 */
final class KafkaCursor<T> implements Cursor<T> {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaCursor.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaSource.ValueReader<T> reader;
    private final Schema masking;
    private final Duration pollTimeout;
    private final String sourceName;
    /** Polled records not yet handed to the run, in order. */
    private final Deque<ConsumerRecord<byte[], byte[]>> buffered = new ArrayDeque<>();
    /** Per partition, the offset after the last message handed to the run (reading thread only). */
    private final Map<TopicPartition, Long> handed = new HashMap<>();
    /** Positions the run has made durable, oldest first, waiting for the reading thread to commit them. */
    private final ConcurrentLinkedQueue<Map<TopicPartition, Long>> durable = new ConcurrentLinkedQueue<>();
    /** The partitions this consumer owns (reading thread only). */
    private final Set<TopicPartition> owned = new HashSet<>();
    private volatile Thread readingThread;
    /** The offsets of the last asynchronous commit, until a synchronous one repeats them (reading thread only). */
    private Map<TopicPartition, OffsetAndMetadata> sentAsync;
    /** The partition of the last message handed over (reading thread only). */
    private TopicPartition lastPartition;
    private long row;

    KafkaCursor(KafkaConsumer<byte[], byte[]> consumer, List<String> topics, KafkaSource.ValueReader<T> reader,
                Schema masking, Duration pollTimeout, String sourceName) {
        this.consumer = consumer;
        this.reader = reader;
        this.masking = masking;
        this.pollTimeout = pollTimeout;
        this.sourceName = sourceName;
        consumer.subscribe(topics, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                // what is durable is committed, and waited for, while this consumer still owns the partitions
                commitDurable(true);
                forget(partitions);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                // owned by another consumer already: committing would move its position
                forget(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                owned.addAll(partitions);
            }
        });
    }

    /** Drops what this consumer knows of partitions it no longer owns: their messages go to the new owner. */
    private void forget(Collection<TopicPartition> partitions) {
        owned.removeAll(partitions);
        handed.keySet().removeAll(partitions);
        buffered.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
    }

    @Override
    public boolean next(RowConsumer<T> value, Consumer<Rejection> rejected) {
        readingThread = Thread.currentThread();
        commitDurable(false);
        if (buffered.isEmpty()) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout);
            records.forEach(buffered::add);
            if (buffered.isEmpty()) {
                return true; // quiet: the run looks at its clock and its cancellation
            }
        }
        ConsumerRecord<byte[], byte[]> r = buffered.poll();
        handed.put(partitionOf(r), r.offset() + 1);
        // parsed on the run's workers: this thread only polls, as a bare consumer loop does
        value.acceptUndecoded(new Message(r), ++row, rejected);
        return true;
    }

    /** The partition of {@code r}, one instance per partition rather than one per message. */
    private TopicPartition partitionOf(ConsumerRecord<byte[], byte[]> r) {
        TopicPartition last = lastPartition;
        if (last == null || last.partition() != r.partition() || !last.topic().equals(r.topic())) {
            last = new TopicPartition(r.topic(), r.partition());
            lastPartition = last;
        }
        return last;
    }

    /** A message as read, parsed into a row (or quarantined) on whichever thread decodes it. */
    private final class Message implements Undecoded<T> {
        private final ConsumerRecord<byte[], byte[]> record;

        Message(ConsumerRecord<byte[], byte[]> record) {
            this.record = record;
        }

        @Override
        public void decode(long rowNumber, RowConsumer<T> value, Consumer<Rejection> rejected) {
            if (record.value() == null) {
                String where = where();
                rejected.accept(new Rejection("NULL_VALUE", "kafka", "", "message " + where + " has no value", "",
                        rowNumber, sourceName + " " + where));
                return;
            }
            try {
                value.accept(reader.read(record.value()), rowNumber);
            } catch (Exception e) {
                rejected.accept(new Rejection("PARSE_ERROR", "kafka", JsonRows.fieldOf(e),
                        JsonRows.describe(e, masking), raw(record.value()), rowNumber, sourceName + " " + where()));
            }
        }

        /** topic-partition@offset, made only for a rejection (a profile showed it made for every message). */
        private String where() {
            return record.topic() + "-" + record.partition() + "@" + record.offset();
        }
    }

    /** The value as text with personal members masked, or in base64 when it is not UTF-8. */
    private String raw(byte[] value) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
            return Masking.maskJson(text, masking);
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(value);
        }
    }

    /** The next offset per partition of the messages handed out so far. */
    @Override
    public Object position() {
        return Map.copyOf(handed);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void committed(Object position) {
        durable.add((Map<TopicPartition, Long>) position);
        if (Thread.currentThread() == readingThread) {
            commitDurable(false);
        }
    }

    /**
     * Commits the newest durable position for the partitions this consumer owns (positions are cumulative and come
     * in order, so the newest covers the older ones). On the reading thread only.
     *
     * <p>While reading, the commit is asynchronous, as Kafka's consumer documentation advises for a poll loop: a
     * synchronous one per chunk stalled the reading thread for a round trip each time. Asynchronous commits
     * complete in order, and one that fails is covered by the next. When partitions are revoked and when the cursor
     * closes, the commit is synchronous and repeats the last asynchronous one, so nothing durable is left
     * uncommitted by a commit still in flight.
     */
    private void commitDurable(boolean sync) {
        Map<TopicPartition, Long> newest = null;
        for (Map<TopicPartition, Long> p; (p = durable.poll()) != null; ) {
            newest = p;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        if (newest != null) {
            newest.forEach((partition, offset) -> {
                if (owned.contains(partition)) {
                    offsets.put(partition, new OffsetAndMetadata(offset));
                }
            });
        } else if (sync && sentAsync != null) {
            sentAsync.forEach((partition, offset) -> {
                if (owned.contains(partition)) {
                    offsets.put(partition, offset);
                }
            });
        }
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(offsets);
            sentAsync = null;
        } else {
            consumer.commitAsync(offsets, (committed, e) -> {
                if (e != null) {
                    // the next commit covers these offsets; at worst a restart reads the chunk again
                    LOG.warn("{}: an offset commit failed ({}); the next one covers it", sourceName,
                            e.getClass().getName());
                }
            });
            sentAsync = offsets;
        }
        LOG.debug("{}: committed offsets of {} partition(s)", sourceName, offsets.size());
    }

    /** Commits what the run made durable, then leaves the group. */
    @Override
    public void close() {
        try {
            commitDurable(true);
        } catch (RuntimeException e) {
            // the rows are durable; their offsets are not: a restart reads them again, which is safe
            LOG.warn("{}: could not commit the last durable offsets ({}); they will be read again", sourceName,
                    e.getClass().getName());
        } finally {
            consumer.close();
        }
    }
}

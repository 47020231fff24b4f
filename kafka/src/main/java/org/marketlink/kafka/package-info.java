/**
 * Apache Kafka for continuous pipeline runs: {@link org.marketlink.kafka.KafkaSource} reads topics in a consumer
 * group and commits offsets only once a chunk is durable in the sink and the quarantine (a crash replays, never
 * skips); {@link org.marketlink.kafka.KafkaSink} writes rows as JSON with an idempotent, keyed producer;
 * {@link org.marketlink.kafka.KafkaQuarantine} sends rejected rows to a dead-letter topic.
 *
 * <p>What is guaranteed: at-least-once delivery of every message into the sink or the quarantine, in order within
 * a partition; with an idempotent sink (a table upsert on a key, a compacted topic keyed by it) the effect is exactly
 * once. What is not: a total order across partitions, and exactly-once writes into a sink that appends.
 */
package org.marketlink.kafka;

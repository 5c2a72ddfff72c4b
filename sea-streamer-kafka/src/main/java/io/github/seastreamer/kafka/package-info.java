/**
 * The Kafka backend ({@code kafka://host:9092}) on the official Java client, with clients
 * created through Spring for Apache Kafka's producer and consumer factories.
 *
 * <p>
 * Start with {@link io.github.seastreamer.SeaStreamer#connect(String)}, or, in a Spring
 * application, with {@link io.github.seastreamer.kafka.KafkaStreamer#fromFactories}.
 * Typed options: {@link io.github.seastreamer.kafka.KafkaConnectOptions},
 * {@link io.github.seastreamer.kafka.KafkaConsumerOptions},
 * {@link io.github.seastreamer.kafka.KafkaProducerOptions}. Kafka-specific producer
 * operations (raw records, transactions) are reached through
 * {@link io.github.seastreamer.kafka.KafkaProducerHandle#of}.
 */
@NullMarked
package io.github.seastreamer.kafka;

import org.jspecify.annotations.NullMarked;

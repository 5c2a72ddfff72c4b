package io.github.seastreamer.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

import io.github.seastreamer.StreamTimeoutException;
import io.github.seastreamer.StreamUrl;
import io.github.seastreamer.StreamerNode;
import io.github.seastreamer.kafka.KafkaStreamer;

/**
 * The raw baseline of Kafka: a plain {@link KafkaProducer} and {@link KafkaConsumer} with
 * the settings SeaStreamer's Kafka backend uses
 * ({@link KafkaStreamer#defaultProducerProperties()}: {@code acks=all}, same
 * {@code linger.ms} and {@code batch.size}, no compression).
 *
 * <p>
 * Produce: every record sent from the calling thread with a callback, then
 * {@code flush()}; the time runs from the first send to the last acknowledgement.
 * Consume: the time runs from constructing the {@link KafkaConsumer} (no group, like
 * SeaStreamer's real-time consumer), through the metadata lookup, {@code assign} and
 * {@code seekToBeginning} of every partition, to the last record polled. Constructing the
 * client is inside the clock because the bench's SeaStreamer consume time covers
 * {@code createConsumer}, which constructs the same client; construction does no network
 * I/O. Not thread-safe: the bench calls it from one thread.
 */
public final class KafkaRawBaseline implements RawBaseline {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@Override
	public Set<String> schemes() {
		return Set.of("kafka");
	}

	@Override
	public long produce(StreamUrl url, List<byte[]> payloads) throws Exception {
		Map<String, Object> properties = new HashMap<>(KafkaStreamer.defaultProducerProperties());
		properties.put("bootstrap.servers", bootstrap(url));
		String topic = url.streamKey().name();
		AtomicReference<@Nullable Exception> error = new AtomicReference<>();
		CountDownLatch acknowledged = new CountDownLatch(payloads.size());
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			long start = System.nanoTime();
			for (byte[] payload : payloads) {
				producer.send(new ProducerRecord<>(topic, payload), (metadata, failure) -> {
					if (failure != null) {
						error.compareAndSet(null, failure);
					}
					acknowledged.countDown();
				});
			}
			producer.flush();
			if (!acknowledged.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				throw new StreamTimeoutException("raw Kafka producer: acknowledgements missing after the flush");
			}
			long elapsed = System.nanoTime() - start;
			Exception failure = error.get();
			if (failure != null) {
				throw new IllegalStateException("raw Kafka producer: a send failed: " + failure, failure);
			}
			return elapsed;
		}
	}

	@Override
	public long consume(StreamUrl url, int count) throws Exception {
		Map<String, Object> properties = new HashMap<>();
		properties.put("bootstrap.servers", bootstrap(url));
		properties.put("enable.auto.commit", "false");
		properties.put("auto.offset.reset", "earliest");
		String topic = url.streamKey().name();
		long start = System.nanoTime();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (PartitionInfo info : consumer.partitionsFor(topic, TIMEOUT)) {
				partitions.add(new TopicPartition(topic, info.partition()));
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			int received = 0;
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (received < count) {
				ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
				received += records.count();
				if (records.isEmpty() && System.nanoTime() > deadline) {
					throw new StreamTimeoutException(
							"raw Kafka consumer: received " + received + " of " + count + " records of " + topic);
				}
				if (!records.isEmpty()) {
					deadline = System.nanoTime() + TIMEOUT.toNanos();
				}
			}
			return System.nanoTime() - start;
		}
	}

	private static String bootstrap(StreamUrl url) {
		List<String> servers = new ArrayList<>();
		for (StreamerNode node : url.streamer().nodes()) {
			servers.add(node.withoutScheme());
		}
		return String.join(",", servers);
	}

}

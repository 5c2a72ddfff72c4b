package io.github.seastreamer.kafka;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.Producer;
import io.github.seastreamer.SeaStreamerException;

/**
 * The Kafka-specific operations of a producer created by a {@link KafkaStreamer}: raw
 * records (key, partition, headers) and transactions. Obtain it with
 * {@link #of(Producer)}.
 *
 * <p>
 * Like every producer operation these never block the caller: they are queued, in call
 * order, with the sends of the producer, and executed on its sender thread; the returned
 * futures complete on the delivery executor. Transaction calls require a producer created
 * with {@link KafkaProducerOptions.Builder#transactionalId}; they are bounded by the
 * client's {@code max.block.ms}.
 */
public interface KafkaProducerHandle {

	/**
	 * The Kafka view of a producer created by a {@link KafkaStreamer}.
	 * @param producer the producer
	 * @return its Kafka view
	 * @throws SeaStreamerException of kind {@link ErrorKind#UNSUPPORTED} if the producer
	 * belongs to another backend
	 */
	static KafkaProducerHandle of(Producer producer) {
		if (producer instanceof KafkaProducerHandle handle) {
			return handle;
		}
		throw new SeaStreamerException(ErrorKind.UNSUPPORTED, "not a Kafka producer: " + producer.getClass().getName());
	}

	/**
	 * Send a raw record: topic (a valid stream key), optional key, partition, timestamp
	 * and headers.
	 * @param record the record
	 * @return the receipt: topic, partition, offset and the record's timestamp
	 */
	CompletableFuture<MessageHeader> sendRecord(ProducerRecord<byte[], byte[]> record);

	/**
	 * Begin a transaction (the producer initialises transactions when created).
	 * @return a future completed once begun
	 */
	CompletableFuture<Void> beginTransaction();

	/**
	 * Commit the current transaction, flushing its records first.
	 * @return a future completed once committed
	 */
	CompletableFuture<Void> commitTransaction();

	/**
	 * Abort the current transaction; its records are never seen by {@code read_committed}
	 * consumers.
	 * @return a future completed once aborted
	 */
	CompletableFuture<Void> abortTransaction();

	/**
	 * Add consumer offsets to the current transaction (consume-transform-produce).
	 * @param offsets the next offsets to read, per partition
	 * @param groupMetadata the consumer group's metadata
	 * @return a future completed once added
	 */
	CompletableFuture<Void> sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
			ConsumerGroupMetadata groupMetadata);

	/**
	 * The number of records sent whose receipt has not completed yet.
	 * @return the count
	 */
	long inFlightCount();

}

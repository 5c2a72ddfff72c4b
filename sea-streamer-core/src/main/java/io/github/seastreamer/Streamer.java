package io.github.seastreamer;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A client of one streaming backend: a Kafka cluster, a Redis server, a {@code .ss} file,
 * or the process's standard input and output. Creates producers and consumers.
 *
 * <p>
 * Creating producers and consumers does no network round trip on the caller's thread; the
 * backend connects and initialises in the background, and failures surface through the
 * futures of the first operations. Instances are safe for use by several threads.
 */
public interface Streamer extends AutoCloseable {

	/**
	 * The URI this streamer was connected with (its {@code toString()} masks passwords).
	 * @return the URI
	 */
	StreamerUri uri();

	/**
	 * What this backend supports beyond the generic contract.
	 * @return the capabilities
	 */
	Set<Capability> capabilities();

	/**
	 * A producer that can send to any stream with {@link Producer#sendTo}.
	 * @param options the options
	 * @return the producer
	 */
	Producer createGenericProducer(ProducerOptions options);

	/**
	 * A producer anchored to one stream.
	 * @param key the stream
	 * @param options the options
	 * @return the producer
	 */
	default Producer createProducer(StreamKey key, ProducerOptions options) {
		Producer producer = createGenericProducer(options);
		producer.anchor(key);
		return producer;
	}

	/**
	 * A producer anchored to one stream, with default options.
	 * @param key the stream
	 * @return the producer
	 */
	default Producer createProducer(StreamKey key) {
		return createProducer(key, ProducerOptions.defaults());
	}

	/**
	 * A consumer of the given streams.
	 * @param keys the streams, at least one
	 * @param options the options
	 * @return the consumer
	 * @throws SeaStreamerException if the options do not fit the backend (a group where
	 * forbidden, an unsupported mode)
	 */
	Consumer createConsumer(Collection<StreamKey> keys, ConsumerOptions options);

	/**
	 * A consumer of one stream.
	 * @param key the stream
	 * @param options the options
	 * @return the consumer
	 */
	default Consumer createConsumer(StreamKey key, ConsumerOptions options) {
		return createConsumer(List.of(key), options);
	}

	/**
	 * Flush every producer of this streamer, close its consumers and connections.
	 * @return a future completed once disconnected
	 */
	CompletableFuture<Void> disconnect();

	/**
	 * Disconnect and wait.
	 */
	@Override
	default void close() {
		disconnect().join();
	}

}

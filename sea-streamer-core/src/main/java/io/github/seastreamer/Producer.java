package io.github.seastreamer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Sends messages to streams of one streamer.
 *
 * <p>
 * Sending never blocks the caller: it enqueues the message for the backend's writer and
 * returns a future of the receipt. Ignoring the future does not cancel the send. Errors
 * (an ended producer, a payload the backend cannot carry) fail the returned future.
 * Messages sent by one thread to one stream are delivered in the order sent. Instances
 * are safe for use by several threads.
 */
public interface Producer extends AutoCloseable {

	/**
	 * Send to the anchored stream.
	 * @param payload the payload; the array must not change afterwards
	 * @return the receipt, completed once the backend has accepted the message
	 */
	default CompletableFuture<MessageHeader> send(byte[] payload) {
		Optional<StreamKey> key = anchoredKey();
		if (key.isEmpty()) {
			return CompletableFuture.failedFuture(new SeaStreamerException(ErrorKind.NOT_ANCHORED,
					"call sendTo(key, payload) or create the producer for one stream"));
		}
		return sendTo(key.get(), payload);
	}

	/**
	 * Send UTF-8 text to the anchored stream.
	 * @param payload the text
	 * @return the receipt
	 */
	default CompletableFuture<MessageHeader> send(String payload) {
		return send(payload.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Send to the given stream.
	 * @param key the stream
	 * @param payload the payload; the array must not change afterwards
	 * @return the receipt, completed once the backend has accepted the message
	 */
	CompletableFuture<MessageHeader> sendTo(StreamKey key, byte[] payload);

	/**
	 * Send to the given stream with string attributes beside the payload (Kafka record
	 * headers with UTF-8 values, Redis extra fields of the stream entry).
	 * <p>
	 * Backends that cannot carry attributes send the payload alone: this default ignores
	 * the attributes and calls {@link #sendTo(StreamKey, byte[])}; backends that carry
	 * them declare {@link Capability#ATTRIBUTES}. Consumers of backends that deliver them
	 * ({@code mem://}) expose them as {@link Message#attributes()}; others deliver the
	 * payload only. Never blocks; an attribute the backend rejects (for example a
	 * reserved name) fails the returned future.
	 * @param key the stream
	 * @param payload the payload; the array must not change afterwards
	 * @param attributes attribute names and values; may be empty, is not kept
	 * @return the receipt, completed once the backend has accepted the message
	 */
	default CompletableFuture<MessageHeader> sendTo(StreamKey key, byte[] payload, Map<String, String> attributes) {
		return sendTo(key, payload);
	}

	/**
	 * Send UTF-8 text to the given stream.
	 * @param key the stream
	 * @param payload the text
	 * @return the receipt
	 */
	default CompletableFuture<MessageHeader> sendTo(StreamKey key, String payload) {
		return sendTo(key, payload.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Lock this producer to one stream, so that {@link #send(byte[])} can be used.
	 * @param key the stream
	 * @throws SeaStreamerException of kind {@link ErrorKind#ALREADY_ANCHORED} if anchored
	 * before
	 */
	void anchor(StreamKey key);

	/**
	 * The anchored stream, if any.
	 * @return the stream key
	 */
	Optional<StreamKey> anchoredKey();

	/**
	 * Wait, without blocking, until everything sent before has been delivered to (or
	 * written by) the backend.
	 * @return a future completed when flushed
	 */
	CompletableFuture<Void> flush();

	/**
	 * Flush, then end this producer; later sends fail with
	 * {@link ProducerEndedException}.
	 * @return a future completed when ended
	 */
	CompletableFuture<Void> end();

	/**
	 * End this producer and wait for it.
	 */
	@Override
	default void close() {
		end().join();
	}

}

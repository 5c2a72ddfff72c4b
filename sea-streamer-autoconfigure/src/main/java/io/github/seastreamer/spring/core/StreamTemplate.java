package io.github.seastreamer.spring.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.Producer;
import io.github.seastreamer.ProducerOptions;
import io.github.seastreamer.StreamKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends objects to streams: {@code String} as UTF-8 and {@code byte[]} as is, anything
 * else through the {@link PayloadConverter} (JSON with Jackson). One generic producer per
 * streamer is created on first use and shared.
 * <p>
 * Sending never blocks: it returns the receipt future. A value that cannot be encoded
 * fails the returned future. Thread-safe. {@link #close()} flushes and ends the producers
 * (the auto-configuration calls it at shutdown).
 */
public class StreamTemplate implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(StreamTemplate.class);

	private final Streamers streamers;

	private final PayloadConverter converter;

	private final List<ProducerOptionsCustomizer> customizers;

	private final Duration flushTimeout;

	private final Map<String, Producer> producers = new ConcurrentHashMap<>();

	private volatile boolean closed;

	/**
	 * Create a template.
	 * @param streamers the streamers
	 * @param converter the payload converter
	 * @param customizers the producer option customizers
	 * @param flushTimeout the time allowed to flush at close
	 */
	public StreamTemplate(Streamers streamers, PayloadConverter converter, List<ProducerOptionsCustomizer> customizers,
			Duration flushTimeout) {
		this.streamers = streamers;
		this.converter = converter;
		this.customizers = List.copyOf(customizers);
		this.flushTimeout = flushTimeout;
	}

	/**
	 * Send to a stream of the default streamer.
	 * @param stream the stream key
	 * @param payload the value
	 * @return the receipt future
	 */
	public CompletableFuture<MessageHeader> send(String stream, Object payload) {
		return send(Streamers.DEFAULT, stream, payload);
	}

	/**
	 * Send to a stream of a named streamer.
	 * @param streamer the streamer name (empty for the default)
	 * @param stream the stream key
	 * @param payload the value
	 * @return the receipt future; failed if the key, the streamer or the value is invalid
	 */
	public CompletableFuture<MessageHeader> send(String streamer, String stream, Object payload) {
		try {
			return send(streamer, StreamKey.of(stream), payload);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Send to a stream of a named streamer.
	 * @param streamer the streamer name (empty for the default)
	 * @param stream the stream key
	 * @param payload the value
	 * @return the receipt future; failed if the streamer or the value is invalid
	 */
	public CompletableFuture<MessageHeader> send(String streamer, StreamKey stream, Object payload) {
		try {
			byte[] bytes = this.converter.write(payload);
			return producer(streamer).sendTo(stream, bytes);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Send to a stream of a named streamer with string attributes beside the payload
	 * (Kafka headers, Redis extra fields); a backend without
	 * {@link io.github.seastreamer.Capability#ATTRIBUTES} sends the payload alone.
	 * @param streamer the streamer name (empty for the default)
	 * @param stream the stream key
	 * @param payload the value
	 * @param attributes the attributes; may be empty
	 * @return the receipt future; failed if the streamer, the value or an attribute is
	 * invalid
	 */
	public CompletableFuture<MessageHeader> send(String streamer, StreamKey stream, Object payload,
			Map<String, String> attributes) {
		try {
			byte[] bytes = this.converter.write(payload);
			return producer(streamer).sendTo(stream, bytes, attributes);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * The shared generic producer of a streamer, created on first use.
	 * @param streamer the streamer name (empty for the default)
	 * @return the producer
	 * @throws io.github.seastreamer.ConfigurationException if no streamer has that name
	 * @throws IllegalStateException once closed
	 */
	public Producer producer(String streamer) {
		String name = streamer.isEmpty() ? Streamers.DEFAULT : streamer;
		Producer producer = this.producers.get(name);
		if (producer != null) {
			return producer;
		}
		if (this.closed) {
			throw new IllegalStateException("StreamTemplate is closed");
		}
		return this.producers.computeIfAbsent(name, (n) -> {
			ProducerOptions.Builder options = ProducerOptions.builder();
			this.customizers.forEach((c) -> c.customize(n, options));
			return this.streamers.get(n).createGenericProducer(options.build());
		});
	}

	/**
	 * Flush every producer created so far.
	 * @return a future completed once all are flushed
	 */
	public CompletableFuture<Void> flush() {
		List<CompletableFuture<Void>> flushes = new ArrayList<>();
		this.producers.values().forEach((p) -> flushes.add(p.flush()));
		return CompletableFuture.allOf(flushes.toArray(CompletableFuture[]::new));
	}

	/**
	 * Flush and end every producer, waiting at most the flush timeout.
	 */
	@Override
	public void close() {
		this.closed = true;
		List<CompletableFuture<Void>> ends = new ArrayList<>();
		this.producers.forEach((name, producer) -> ends.add(producer.end().exceptionally((ex) -> {
			logger.warn("Producer of streamer '{}' did not end cleanly: {}", name, ex.getMessage());
			return null;
		})));
		try {
			CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new))
				.get(this.flushTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.warn("Producers did not flush within {}: {}", this.flushTimeout, ex.toString());
		}
	}

}

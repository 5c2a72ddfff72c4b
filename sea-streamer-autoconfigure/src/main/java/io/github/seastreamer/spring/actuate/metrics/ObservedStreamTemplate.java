package io.github.seastreamer.spring.actuate.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.spring.actuate.observation.SeaStreamerObservations;
import io.github.seastreamer.spring.core.PayloadConverter;
import io.github.seastreamer.spring.core.ProducerOptionsCustomizer;
import io.github.seastreamer.spring.core.StreamTemplate;
import io.github.seastreamer.spring.core.Streamers;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link StreamTemplate} that tells {@link SentMessageObserver}s of every acknowledged
 * send (the {@code seastreamer.messages.sent} counter), {@code @SendTo} results and
 * dead-letter messages included, and observes each send with Micrometer's Observation API
 * when {@link SeaStreamerObservations} are available (the trace context travels in the
 * message's attributes where the backend carries them).
 * <p>
 * Thread-safe like its parent; observers are looked up lazily (they may be created after
 * the template) and run on the completion thread of the receipt.
 */
public class ObservedStreamTemplate extends StreamTemplate {

	private static final Logger logger = LoggerFactory.getLogger(ObservedStreamTemplate.class);

	private final Supplier<List<SentMessageObserver>> observers;

	private final Supplier<@Nullable SeaStreamerObservations> observations;

	/**
	 * Create the template.
	 * @param streamers the streamers
	 * @param converter the payload converter
	 * @param customizers the producer option customizers
	 * @param flushTimeout how long close waits for the producers to flush
	 * @param observers the observers, looked up on each send
	 */
	public ObservedStreamTemplate(Streamers streamers, PayloadConverter converter,
			List<ProducerOptionsCustomizer> customizers, Duration flushTimeout,
			Supplier<List<SentMessageObserver>> observers) {
		this(streamers, converter, customizers, flushTimeout, observers, () -> null);
	}

	/**
	 * Create the template, observing each send when observations are available.
	 * @param streamers the streamers
	 * @param converter the payload converter
	 * @param customizers the producer option customizers
	 * @param flushTimeout how long close waits for the producers to flush
	 * @param observers the observers, looked up on each send
	 * @param observations the Micrometer observations, looked up on each send; the
	 * supplier returns {@code null} when there are none (no registry, or
	 * {@code seastreamer.observation.enabled=false})
	 */
	public ObservedStreamTemplate(Streamers streamers, PayloadConverter converter,
			List<ProducerOptionsCustomizer> customizers, Duration flushTimeout,
			Supplier<List<SentMessageObserver>> observers, Supplier<@Nullable SeaStreamerObservations> observations) {
		super(streamers, converter, customizers, flushTimeout);
		this.observers = observers;
		this.observations = observations;
	}

	@Override
	public CompletableFuture<MessageHeader> send(String streamer, StreamKey stream, Object payload) {
		SeaStreamerObservations observations = this.observations.get();
		if (observations == null) {
			return observe(streamer, super.send(streamer, stream, payload));
		}
		return observe(streamer,
				observations.observeSend(streamer, stream, Map.of(), (attributes) -> attributes.isEmpty()
						? super.send(streamer, stream, payload) : super.send(streamer, stream, payload, attributes)));
	}

	@Override
	public CompletableFuture<MessageHeader> send(String streamer, StreamKey stream, Object payload,
			Map<String, String> attributes) {
		SeaStreamerObservations observations = this.observations.get();
		if (observations == null) {
			return observe(streamer, super.send(streamer, stream, payload, attributes));
		}
		return observe(streamer, observations.observeSend(streamer, stream, attributes,
				(carried) -> super.send(streamer, stream, payload, carried)));
	}

	private CompletableFuture<MessageHeader> observe(String streamer, CompletableFuture<MessageHeader> receipt) {
		List<SentMessageObserver> all = this.observers.get();
		if (all.isEmpty()) {
			return receipt;
		}
		receipt.thenAccept((header) -> {
			for (SentMessageObserver observer : all) {
				try {
					observer.onSent(streamer, header);
				}
				catch (RuntimeException ex) {
					logger.warn("Sent-message observer {} failed", observer, ex);
				}
			}
		});
		return receipt;
	}

}

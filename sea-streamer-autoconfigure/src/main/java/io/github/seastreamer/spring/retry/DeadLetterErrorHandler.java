package io.github.seastreamer.spring.retry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.Timestamps;
import io.github.seastreamer.UriMasking;
import io.github.seastreamer.spring.core.StreamTemplate;
import io.github.seastreamer.spring.listener.ListenerContainer;
import io.github.seastreamer.spring.listener.ListenerErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a message whose handler failed every attempt (or whose payload could not be
 * converted) to its listener's dead-letter stream, with the original payload unchanged.
 * <p>
 * The returned future completes only once the backend acknowledged the dead-letter send,
 * so the container commits the message only then; if the send fails, the future fails and
 * the container stops without committing it: nothing is lost. The dead-letter message
 * carries the error and its origin as attributes ({@link #ERROR}, {@link #ORIGIN_STREAM},
 * {@link #ORIGIN_SHARD}, {@link #ORIGIN_SEQUENCE}, {@link #ORIGIN_TIMESTAMP},
 * {@link #LISTENER}): Kafka record headers, Redis extra fields beside {@code msg}; a
 * backend without {@link io.github.seastreamer.Capability#ATTRIBUTES} keeps the payload
 * alone. The error text has passwords of URIs masked and is cut to
 * {@value #MAX_ERROR_LENGTH} characters. The same facts are logged at WARN with the
 * dead-letter receipt. When the policy disables dead-lettering, the message is logged and
 * skipped. Called on the container's threads; never blocks.
 */
public class DeadLetterErrorHandler implements ListenerErrorHandler {

	/** Attribute: the error's class and message, masked and truncated. */
	public static final String ERROR = "seastreamer.error";

	/** Attribute: the stream key the message was read from. */
	public static final String ORIGIN_STREAM = "seastreamer.origin.stream";

	/** Attribute: the shard the message was read from (decimal). */
	public static final String ORIGIN_SHARD = "seastreamer.origin.shard";

	/** Attribute: the message's sequence number in its shard (decimal). */
	public static final String ORIGIN_SEQUENCE = "seastreamer.origin.sequence";

	/**
	 * Attribute: the message's timestamp, in the form of
	 * {@link Timestamps#format(java.time.Instant)} (UTC).
	 */
	public static final String ORIGIN_TIMESTAMP = "seastreamer.origin.timestamp";

	/** Attribute: the id of the listener whose handler failed. */
	public static final String LISTENER = "seastreamer.listener";

	/** The longest {@link #ERROR} text, in characters. */
	public static final int MAX_ERROR_LENGTH = 1000;

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterErrorHandler.class);

	private final StreamTemplate template;

	private final RetryPolicies policies;

	private final ListenerOutcomes outcomes;

	/**
	 * Create the handler.
	 * @param template the template the dead-letter messages are sent with
	 * @param policies the retry policies (dead-letter stream and streamer per listener)
	 * @param outcomes where dead-lettered messages are recorded for the metrics
	 */
	public DeadLetterErrorHandler(StreamTemplate template, RetryPolicies policies, ListenerOutcomes outcomes) {
		this.template = template;
		this.policies = policies;
		this.outcomes = outcomes;
	}

	@Override
	public CompletableFuture<Void> handleError(ListenerContainer container, Message message, Throwable error) {
		RetryPolicy policy = this.policies.forListener(container.id());
		MessageHeader origin = message.header();
		String reason = UriMasking.mask(String.valueOf(error));
		if (!policy.deadLetter()) {
			logger.error("Listener '{}' failed to handle {}; skipping it: {}", container.id(), origin, reason);
			return CompletableFuture.completedFuture(null);
		}
		String stream = policy.deadLetterStreamFor(origin.streamKey().name());
		String streamer = policy.deadLetterStreamer().isEmpty() ? container.streamerName()
				: policy.deadLetterStreamer();
		CompletableFuture<MessageHeader> sent;
		try {
			sent = this.template.send(streamer, StreamKey.of(stream), message.payloadBytes(),
					attributes(container.id(), origin, error));
		}
		catch (RuntimeException ex) {
			sent = CompletableFuture.failedFuture(ex);
		}
		return sent.handle((receipt, failure) -> {
			if (failure != null) {
				logger.error("Listener '{}': sending {} to the dead-letter stream '{}' failed; it is not committed: {}",
						container.id(), origin, stream, UriMasking.mask(String.valueOf(failure)));
				throw new DeadLetterException("listener '" + container.id() + "': dead-letter send of " + origin
						+ " to '" + stream + "' failed", failure);
			}
			this.outcomes.mark(container.id(), origin, ListenerOutcomes.DEAD_LETTERED);
			logger.warn(
					"Listener '{}': {} (stream {}, shard {}, sequence {}) went to the dead-letter stream '{}' as {}: {}",
					container.id(), origin, origin.streamKey().name(), origin.shardId().id(), origin.sequence(), stream,
					receipt, reason, error);
			return null;
		});
	}

	/**
	 * The attributes of a dead-letter message, in a stable order.
	 * @param listener the listener id
	 * @param origin the failed message's header
	 * @param error why it failed
	 * @return the attributes
	 */
	static Map<String, String> attributes(String listener, MessageHeader origin, Throwable error) {
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put(ERROR, describe(error));
		attributes.put(ORIGIN_STREAM, origin.streamKey().name());
		attributes.put(ORIGIN_SHARD, Long.toString(origin.shardId().id()));
		attributes.put(ORIGIN_SEQUENCE, Long.toString(origin.sequence()));
		attributes.put(ORIGIN_TIMESTAMP, Timestamps.format(origin.timestamp()));
		attributes.put(LISTENER, listener);
		return attributes;
	}

	/**
	 * The error's class and message (and its root cause's, when it wraps one), passwords
	 * masked, at most {@link #MAX_ERROR_LENGTH} characters.
	 */
	static String describe(Throwable error) {
		Throwable top = error;
		while ((top instanceof CompletionException || top instanceof ExecutionException) && top.getCause() != null) {
			top = top.getCause();
		}
		Throwable root = top;
		for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
			root = root.getCause();
		}
		String text = String.valueOf(top);
		if (root != top) {
			text += "; caused by " + root;
		}
		text = UriMasking.mask(text);
		if (text.length() <= MAX_ERROR_LENGTH) {
			return text;
		}
		int end = MAX_ERROR_LENGTH - 1;
		if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--; // never split a character
		}
		return text.substring(0, end) + "\u2026";
	}

	/**
	 * A dead-letter send failed.
	 */
	static final class DeadLetterException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		DeadLetterException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}

package io.github.seastreamer.spring.retry;

import java.util.concurrent.CompletableFuture;

import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
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
 * the container stops without committing it: nothing is lost. The error and the origin
 * (stream, shard, sequence) are logged at WARN with the dead-letter receipt; the current
 * producer API carries a payload only, so they are not attached to the dead-letter
 * message itself. When the policy disables dead-lettering, the message is logged and
 * skipped. Called on the container's threads; never blocks.
 */
public class DeadLetterErrorHandler implements ListenerErrorHandler {

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
			sent = this.template.send(streamer, stream, message.payloadBytes());
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
	 * A dead-letter send failed.
	 */
	static final class DeadLetterException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		DeadLetterException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}

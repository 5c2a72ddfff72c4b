package io.github.seastreamer.spring.retry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.seastreamer.MessageHeader;
import org.jspecify.annotations.Nullable;

/**
 * Remembers, for messages in flight, the finer outcome the retry and dead-letter layer
 * gave them ({@code retried}, {@code dead-lettered}), until the metrics take it when the
 * container reports the message complete.
 * <p>
 * Thread-safe; holds at most one entry per message in flight that was retried or
 * dead-lettered, so its size is bounded by the listeners' in-flight limits.
 */
public final class ListenerOutcomes {

	/** A message that succeeded after at least one retry. */
	public static final String RETRIED = "retried";

	/** A message that went to a dead-letter stream. */
	public static final String DEAD_LETTERED = "dead-lettered";

	private final Map<Key, String> outcomes = new ConcurrentHashMap<>();

	/**
	 * Record the outcome of a message.
	 * @param listenerId the listener id
	 * @param header the message header
	 * @param outcome {@link #RETRIED} or {@link #DEAD_LETTERED}
	 */
	public void mark(String listenerId, MessageHeader header, String outcome) {
		this.outcomes.put(new Key(listenerId, header), outcome);
	}

	/**
	 * Take (and forget) the outcome recorded for a message.
	 * @param listenerId the listener id
	 * @param header the message header
	 * @return the outcome, or {@code null} if none was recorded
	 */
	public @Nullable String take(String listenerId, MessageHeader header) {
		if (this.outcomes.isEmpty()) {
			return null;
		}
		return this.outcomes.remove(new Key(listenerId, header));
	}

	/**
	 * Forget every outcome of a listener (when it stops).
	 * @param listenerId the listener id
	 */
	public void forget(String listenerId) {
		this.outcomes.keySet().removeIf((key) -> key.listenerId().equals(listenerId));
	}

	private record Key(String listenerId, MessageHeader header) {
	}

}

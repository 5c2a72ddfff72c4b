package io.github.seastreamer.spring.listener;

import java.time.Duration;
import java.util.List;

import io.github.seastreamer.MessageHeader;

/**
 * Hooks into the work of listener containers, for metrics and tests; every method does
 * nothing by default.
 * <p>
 * Methods are called on the container's threads (reader, handler executor, commit
 * scheduler) and must be quick and must not throw.
 */
public interface ListenerObserver {

	/**
	 * A message was taken from the consumer.
	 * @param container the container
	 * @param header the message header
	 */
	default void onReceived(ListenerContainer container, MessageHeader header) {
	}

	/**
	 * A message was completed.
	 * @param container the container
	 * @param header the message header
	 * @param outcome how it ended
	 * @param duration how long handling took
	 */
	default void onCompleted(ListenerContainer container, MessageHeader header, Outcome outcome, Duration duration) {
	}

	/**
	 * Messages were committed (the backend confirmed).
	 * @param container the container
	 * @param headers the committed headers, in order per stream and shard
	 */
	default void onCommitted(ListenerContainer container, List<MessageHeader> headers) {
	}

	/**
	 * The container changed state.
	 * @param container the container
	 * @param from the previous state
	 * @param to the new state
	 */
	default void onStateChange(ListenerContainer container, ContainerState from, ContainerState to) {
	}

	/**
	 * How the handling of a message ended.
	 */
	enum Outcome {

		/** The handler succeeded. */
		SUCCESS,

		/** The condition did not match: the handler was not called. */
		FILTERED,

		/** The handler failed and the error handler dealt with it. */
		ERROR_HANDLED,

		/** The handler failed and so did the error handler. */
		FAILED

	}

}

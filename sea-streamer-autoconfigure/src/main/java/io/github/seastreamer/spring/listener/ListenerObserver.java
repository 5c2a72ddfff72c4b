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
	 * Messages were taken from the consumer: called once per dispatch (a run of messages
	 * the consumer had buffered), in the order read, by the container's reader thread.
	 * The list is only valid during the call. By default calls
	 * {@link #onReceived(ListenerContainer, MessageHeader)} for each; override it to
	 * count in bulk.
	 * @param container the container
	 * @param headers the headers of the messages taken
	 */
	default void onReceived(ListenerContainer container, List<MessageHeader> headers) {
		for (int i = 0; i < headers.size(); i++) {
			onReceived(container, headers.get(i));
		}
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
	 * A message was completed; the container calls this variant, which by default
	 * delegates to
	 * {@link #onCompleted(ListenerContainer, MessageHeader, Outcome, Duration)}. Override
	 * it to record without allocating a {@link Duration} per message.
	 * @param container the container
	 * @param header the message header
	 * @param outcome how it ended
	 * @param nanos how long handling took, in nanoseconds
	 */
	default void onCompleted(ListenerContainer container, MessageHeader header, Outcome outcome, long nanos) {
		onCompleted(container, header, outcome, Duration.ofNanos(nanos));
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
	 * The container was removed from its registry for good (unregistered, or the registry
	 * was destroyed with its application context): what was kept for it can be released.
	 * Called once, after the container stopped, on the thread that removed it.
	 * @param container the container
	 */
	default void onRemoved(ListenerContainer container) {
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

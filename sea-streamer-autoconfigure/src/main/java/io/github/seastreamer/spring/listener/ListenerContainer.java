package io.github.seastreamer.spring.listener;

import java.util.List;

import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.StreamKey;

/**
 * Runs one listener: one consumer, its read loop, a handler executor with bounded
 * in-flight work, background commits, pause/resume and graceful shutdown.
 * <p>
 * Thread-safe. {@link #start()} and {@link #stop()} block until the container has started
 * or stopped (stop at most the shutdown timeout plus the commit).
 */
public interface ListenerContainer {

	/**
	 * The listener id.
	 * @return the id
	 */
	String id();

	/**
	 * The name of the streamer read from.
	 * @return the streamer name
	 */
	String streamerName();

	/**
	 * The streams read.
	 * @return the stream keys
	 */
	List<StreamKey> streams();

	/**
	 * The consumer mode.
	 * @return the mode
	 */
	ConsumerMode mode();

	/**
	 * The consumer group, for resumable and load-balanced listeners that have one.
	 * @return the group
	 */
	default java.util.Optional<String> group() {
		return java.util.Optional.empty();
	}

	/**
	 * The current state.
	 * @return the state
	 */
	ContainerState state();

	/**
	 * Create the consumer and start reading.
	 * @throws io.github.seastreamer.SeaStreamerException if the consumer cannot be
	 * created (the message names the listener)
	 */
	void start();

	/**
	 * Stop reading, let in-flight handlers finish within the shutdown timeout, commit
	 * what completed, flush the producers of {@code @SendTo} and close the consumer.
	 */
	void stop();

	/**
	 * Stop taking messages from the consumer; in-flight handlers finish and are
	 * committed.
	 */
	void pause();

	/**
	 * Resume taking messages after {@link #pause()}.
	 */
	void resume();

	/**
	 * Messages taken from the consumer and not yet completed (bounded by the maximum
	 * in-flight setting).
	 * @return the count
	 */
	int inFlight();

	/**
	 * Messages taken from the consumer since the container was created.
	 * @return the count
	 */
	long received();

	/**
	 * Messages completed (handled, filtered or dealt with by the error handler) since the
	 * container was created.
	 * @return the count
	 */
	long completed();

	/**
	 * Whether the container is reading or paused.
	 * @return {@code true} if running or paused
	 */
	default boolean isRunning() {
		ContainerState state = state();
		return state == ContainerState.RUNNING || state == ContainerState.PAUSED;
	}

}

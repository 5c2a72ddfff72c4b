package io.github.seastreamer.spring.listener;

/**
 * A handle for manual commits: a {@code @StreamListener} method that declares a parameter
 * of this type completes its message only when {@link #acknowledge()} is called, possibly
 * later and on another thread. Until then the message counts as in flight and nothing
 * after it on its stream and shard is committed.
 * <p>
 * Thread-safe; calling it more than once has no further effect.
 */
public interface Acknowledgement {

	/**
	 * Mark the message as processed, so the container may commit it.
	 */
	void acknowledge();

}

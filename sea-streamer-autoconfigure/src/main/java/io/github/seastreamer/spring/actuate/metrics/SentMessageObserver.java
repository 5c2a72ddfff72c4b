package io.github.seastreamer.spring.actuate.metrics;

import io.github.seastreamer.MessageHeader;

/**
 * Told of every message the stream template sent and the backend acknowledged.
 * <p>
 * Called on the backend's completion thread: must be quick and must not throw.
 */
@FunctionalInterface
public interface SentMessageObserver {

	/**
	 * A message was sent.
	 * @param streamer the streamer name
	 * @param receipt the backend's receipt
	 */
	void onSent(String streamer, MessageHeader receipt);

}

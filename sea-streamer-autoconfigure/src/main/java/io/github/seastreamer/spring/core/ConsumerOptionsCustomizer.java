package io.github.seastreamer.spring.core;

import io.github.seastreamer.ConsumerOptions;

/**
 * Customizes the consumer options of a listener before its consumer is created.
 * <p>
 * Called each time a listener container starts, on the starting thread; must not block.
 */
@FunctionalInterface
public interface ConsumerOptionsCustomizer {

	/**
	 * Customize the options of one listener's consumer.
	 * @param listenerId the listener's id
	 * @param streamerName the name of the streamer it reads from
	 * @param options the builder to change
	 */
	void customize(String listenerId, String streamerName, ConsumerOptions.Builder options);

}

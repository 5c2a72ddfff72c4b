package io.github.seastreamer.spring.core;

import io.github.seastreamer.ProducerOptions;

/**
 * Customizes the options of the producers that the {@link StreamTemplate} (and therefore
 * every {@code @SendTo}) creates.
 * <p>
 * Called once per streamer, when its producer is first needed; must not block.
 */
@FunctionalInterface
public interface ProducerOptionsCustomizer {

	/**
	 * Customize the options of the producer of one streamer.
	 * @param streamerName the streamer's name
	 * @param options the builder to change
	 */
	void customize(String streamerName, ProducerOptions.Builder options);

}

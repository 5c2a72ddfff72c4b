package io.github.seastreamer.spring.core;

import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.StreamerUri;

/**
 * Customizes the connect options of a streamer before it connects, for example to add a
 * backend's typed options.
 * <p>
 * Called once per streamer on the thread that creates the streamer beans; must not block.
 */
@FunctionalInterface
public interface ConnectOptionsCustomizer {

	/**
	 * Customize the options of one streamer.
	 * @param streamerName the streamer's name ({@code default} for
	 * {@code seastreamer.uri})
	 * @param uri the URI it connects to (its {@code toString()} masks passwords)
	 * @param options the builder to change
	 */
	void customize(String streamerName, StreamerUri uri, ConnectOptions.Builder options);

}

package io.github.seastreamer.spi;

import java.util.Set;

import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.StreamerUri;

/**
 * A backend: creates streamers for the URI schemes it serves. Registered in
 * {@code META-INF/services/io.github.seastreamer.spi.StreamerProvider}.
 */
public interface StreamerProvider {

	/**
	 * The URI schemes served, such as {@code redis} and {@code rediss}.
	 * @return the schemes
	 */
	Set<String> schemes();

	/**
	 * Connect a streamer. Must not block for long: network set-up may continue in the
	 * background.
	 * @param uri the URI, whose protocol is one of {@link #schemes()}
	 * @param options the options
	 * @return the streamer
	 */
	Streamer connect(StreamerUri uri, ConnectOptions options);

}

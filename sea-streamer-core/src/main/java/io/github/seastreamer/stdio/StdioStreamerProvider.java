package io.github.seastreamer.stdio;

import java.util.Set;

import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.StreamerUri;
import io.github.seastreamer.spi.StreamerProvider;

/**
 * The {@code stdio://} backend: consumers read lines from standard input, producers print
 * lines to standard output. Found through {@link java.util.ServiceLoader}; applications
 * call {@code SeaStreamer.connect("stdio://")}. The rest of the URI is ignored.
 */
public final class StdioStreamerProvider implements StreamerProvider {

	/**
	 * Create the provider (called by {@link java.util.ServiceLoader}).
	 */
	public StdioStreamerProvider() {
	}

	@Override
	public Set<String> schemes() {
		return Set.of("stdio");
	}

	/**
	 * A streamer on this process's standard input and output; never fails and never
	 * blocks (the stdin reader starts with the first consumer, the stdout writer with the
	 * first producer). A {@link ConnectOptions#timeout() timeout} is accepted and
	 * ignored.
	 */
	@Override
	public Streamer connect(StreamerUri uri, ConnectOptions options) {
		return new StdioStreamer(uri, options.extension(StdioConnectOptions.class).orElse(StdioConnectOptions.DEFAULTS),
				StdioWorld.standard());
	}

}

package io.github.seastreamer.mem;

import java.util.Set;

import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.StreamerUri;
import io.github.seastreamer.spi.StreamerProvider;

/**
 * The {@code mem://<name>} backend: an in-memory broker per name, shared by every
 * streamer of the JVM connected to that name ({@code mem://} alone is the broker named
 * {@code .}). Found through {@link java.util.ServiceLoader}; applications call
 * {@code SeaStreamer.connect("mem://test")}.
 */
public final class MemStreamerProvider implements StreamerProvider {

	/**
	 * Create the provider (called by {@link java.util.ServiceLoader}).
	 */
	public MemStreamerProvider() {
	}

	@Override
	public Set<String> schemes() {
		return Set.of("mem");
	}

	/**
	 * Connect to the broker of the URI's name, creating it if absent; never blocks.
	 * @throws ConfigurationException if the URI has several nodes, or the broker exists
	 * with another retention limit
	 */
	@Override
	public Streamer connect(StreamerUri uri, ConnectOptions options) {
		if (uri.nodes().size() != 1) {
			throw new ConfigurationException(
					"mem:// takes one broker name, got " + uri.nodes().size() + " nodes in " + uri);
		}
		String name = uri.firstNode().withoutScheme();
		while (name.endsWith("/") && name.length() > 1) {
			name = name.substring(0, name.length() - 1);
		}
		Integer retention = options.extension(MemConnectOptions.class)
			.map(MemConnectOptions::maxMessagesPerStream)
			.orElse(null);
		return new MemStreamer(uri, MemBroker.named(name, retention));
	}

	/**
	 * Forget the broker of a name (its streams, commits and groups); streamers connected
	 * to the name afterwards start empty, while those still connected keep the old
	 * broker. For tests that reuse names.
	 * @param name the broker name, as in {@code mem://<name>}
	 * @return {@code true} if there was such a broker
	 */
	public static boolean dropBroker(String name) {
		return MemBroker.drop(name);
	}

}

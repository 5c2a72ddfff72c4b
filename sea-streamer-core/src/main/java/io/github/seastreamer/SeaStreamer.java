package io.github.seastreamer;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.github.seastreamer.spi.StreamerProvider;

/**
 * Connects to a streaming backend chosen by the scheme of a URI: {@code stdio://},
 * {@code file://}, {@code redis://}, {@code rediss://}, {@code kafka://}, {@code mem://}.
 *
 * <p>
 * Backends are found on the class path through {@link ServiceLoader} (each backend jar
 * registers a {@link StreamerProvider}); an unknown scheme fails with a message that
 * lists the schemes available.
 *
 * <pre class="code">
 * try (Streamer streamer = SeaStreamer.connect("redis://localhost:6379")) {
 *     Producer producer = streamer.createProducer(StreamKey.of("orders"));
 *     producer.send("hello").join();
 * }
 * </pre>
 */
public final class SeaStreamer {

	private static final Map<ClassLoader, Map<String, StreamerProvider>> PROVIDERS = new ConcurrentHashMap<>();

	private SeaStreamer() {
	}

	/**
	 * Connect with default options.
	 * @param uri a streamer URI such as {@code redis://localhost:6379} (not a stream URL:
	 * for one, connect to {@code StreamUrl.parse(url).streamer()})
	 * @return the streamer
	 */
	public static Streamer connect(String uri) {
		return connect(uri, ConnectOptions.defaults());
	}

	/**
	 * Connect.
	 * @param uri a streamer URI (not a stream URL: for one, connect to
	 * {@code StreamUrl.parse(url).streamer()})
	 * @param options the options
	 * @return the streamer
	 */
	public static Streamer connect(String uri, ConnectOptions options) {
		return connect(StreamerUri.parse(uri), options);
	}

	/**
	 * Connect.
	 * @param uri the streamer URI
	 * @param options the options
	 * @return the streamer
	 * @throws ConnectionException if no backend serves the scheme (the message lists
	 * those available) or the backend cannot connect
	 */
	public static Streamer connect(StreamerUri uri, ConnectOptions options) {
		String scheme = uri.protocol()
			.orElseThrow(() -> new ConnectionException("protocol not set in `" + uri.toMaskedUriString()
					+ "`; available schemes: " + String.join(", ", availableSchemes()), null, false));
		return provider(scheme).connect(uri, options);
	}

	/**
	 * The schemes of the backends on the class path, sorted.
	 * @return the schemes
	 */
	public static java.util.SortedSet<String> availableSchemes() {
		return new TreeSet<>(providers().keySet());
	}

	/**
	 * The provider of a scheme.
	 * @param scheme the scheme
	 * @return the provider
	 * @throws ConnectionException if none serves it
	 */
	public static StreamerProvider provider(String scheme) {
		StreamerProvider provider = providers().get(scheme);
		if (provider == null) {
			throw new ConnectionException(
					"unknown protocol `" + scheme + "`; available schemes: " + String.join(", ", availableSchemes()),
					null, false);
		}
		return provider;
	}

	private static Map<String, StreamerProvider> providers() {
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		if (loader == null) {
			loader = SeaStreamer.class.getClassLoader();
		}
		ClassLoader key = loader;
		return PROVIDERS.computeIfAbsent(key, (cl) -> {
			Map<String, StreamerProvider> byScheme = new TreeMap<>();
			for (StreamerProvider provider : ServiceLoader.load(StreamerProvider.class, cl)) {
				for (String scheme : provider.schemes()) {
					byScheme.putIfAbsent(scheme, provider);
				}
			}
			return byScheme;
		});
	}

}

package io.github.seastreamer.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.ConnectionException;
import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.StreamUrlException;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.StreamerNode;
import io.github.seastreamer.StreamerUri;
import io.github.seastreamer.UriMasking;
import io.github.seastreamer.spring.core.ConnectOptionsCustomizer;
import io.github.seastreamer.spring.core.HostlessUriResolver;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.DisposableBean;

/**
 * Connects the streamers of the configuration (resolving host-less URIs and applying
 * customizers) and disconnects them at shutdown.
 */
final class StreamerConnector implements DisposableBean, BeanClassLoaderAware {

	private static final Logger logger = LoggerFactory.getLogger(StreamerConnector.class);

	private final @Nullable Duration connectTimeout;

	private final Duration disconnectTimeout;

	private final List<HostlessUriResolver> resolvers;

	private final List<ConnectOptionsCustomizer> customizers;

	private final Map<String, Streamer> connected = new LinkedHashMap<>();

	private @Nullable ClassLoader classLoader;

	StreamerConnector(@Nullable Duration connectTimeout, Duration disconnectTimeout,
			List<HostlessUriResolver> resolvers, List<ConnectOptionsCustomizer> customizers) {
		this.connectTimeout = connectTimeout;
		this.disconnectTimeout = disconnectTimeout;
		this.resolvers = List.copyOf(resolvers);
		this.customizers = List.copyOf(customizers);
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	Streamer connect(String name, @Nullable String text, String property) {
		if (text == null || text.isBlank()) {
			throw new ConfigurationException("streamer '" + name + "': " + property + " is not set");
		}
		StreamerUri uri;
		try {
			uri = StreamerUri.parse(text.trim());
		}
		catch (StreamUrlException ex) {
			throw new ConfigurationException("streamer '" + name + "': " + property + " `" + UriMasking.mask(text)
					+ "` is not a valid streamer URI: " + ex.getMessage(), ex);
		}
		ConnectOptions.Builder options = ConnectOptions.builder();
		if (this.connectTimeout != null) {
			options.timeout(this.connectTimeout);
		}
		if (isHostless(uri)) {
			String scheme = uri.protocol().orElse("");
			for (HostlessUriResolver resolver : this.resolvers) {
				StreamerUri resolved = resolver.resolve(scheme, options);
				if (resolved != null) {
					logger.debug("Streamer '{}': host-less {}:// resolved to {}", name, scheme, resolved);
					uri = resolved;
					break;
				}
			}
		}
		for (ConnectOptionsCustomizer customizer : this.customizers) {
			customizer.customize(name, uri, options);
		}
		Streamer streamer;
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		try {
			if (this.classLoader != null) {
				thread.setContextClassLoader(this.classLoader);
			}
			streamer = SeaStreamer.connect(uri, options.build());
		}
		catch (RuntimeException ex) {
			throw new ConnectionException("streamer '" + name + "' (" + property + "): cannot connect to "
					+ uri.toMaskedUriString() + ": " + ex.getMessage(), ex);
		}
		finally {
			thread.setContextClassLoader(previous);
		}
		synchronized (this.connected) {
			this.connected.put(name, streamer);
		}
		logger.info("Streamer '{}' connected to {}", name, uri.toMaskedUriString());
		return streamer;
	}

	private static boolean isHostless(StreamerUri uri) {
		if (uri.nodes().size() != 1 || uri.protocol().isEmpty()) {
			return false;
		}
		StreamerNode node = uri.firstNode();
		String rest = node.withoutScheme();
		return rest.isEmpty() || rest.equals(".") || rest.equals("/");
	}

	@Override
	public void destroy() {
		List<Map.Entry<String, Streamer>> all;
		synchronized (this.connected) {
			all = new ArrayList<>(this.connected.entrySet());
			this.connected.clear();
		}
		for (Map.Entry<String, Streamer> entry : all) {
			try {
				entry.getValue().disconnect().get(this.disconnectTimeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (Exception ex) {
				logger.warn("Streamer '{}' ({}) did not disconnect cleanly: {}", entry.getKey(),
						entry.getValue().uri().toMaskedUriString(), ex.toString());
			}
		}
	}

}

package io.github.seastreamer.redis;

import java.util.Set;

import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.StreamerUri;
import io.github.seastreamer.spi.StreamerProvider;

/**
 * The service-loader entry of the Redis backend: schemes {@code redis} (TCP) and
 * {@code rediss} (TLS). Stateless and thread-safe.
 */
public final class RedisStreamerProvider implements StreamerProvider {

	/**
	 * Create the provider (called by {@link java.util.ServiceLoader}).
	 */
	public RedisStreamerProvider() {
	}

	@Override
	public Set<String> schemes() {
		return Set.of(RedisStreamer.SCHEME, RedisStreamer.TLS_SCHEME);
	}

	@Override
	public Streamer connect(StreamerUri uri, ConnectOptions options) {
		return RedisStreamer.connect(uri, options);
	}

}

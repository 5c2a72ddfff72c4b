package io.github.seastreamer.kafka;

import java.util.Set;

import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.StreamerUri;
import io.github.seastreamer.spi.StreamerProvider;

/**
 * Serves the {@code kafka} scheme: {@code kafka://host-a:9092,host-b:9092}. Registered in
 * {@code META-INF/services/io.github.seastreamer.spi.StreamerProvider}; applications call
 * {@link io.github.seastreamer.SeaStreamer#connect(String)} rather than this class.
 */
public final class KafkaStreamerProvider implements StreamerProvider {

	/**
	 * Create the provider (called by {@link java.util.ServiceLoader}).
	 */
	public KafkaStreamerProvider() {
	}

	@Override
	public Set<String> schemes() {
		return Set.of(KafkaStreamer.BACKEND);
	}

	/**
	 * Connect, checking within the connect timeout that the cluster answers.
	 * @throws io.github.seastreamer.ConnectionException if it does not
	 */
	@Override
	public Streamer connect(StreamerUri uri, ConnectOptions options) {
		return KafkaStreamer.connect(uri, options);
	}

}

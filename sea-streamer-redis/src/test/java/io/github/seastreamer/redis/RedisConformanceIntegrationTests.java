package io.github.seastreamer.redis;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.conformance.StreamerConformanceTests;

/**
 * The backend conformance suite against a real redis-server.
 */
class RedisConformanceIntegrationTests extends StreamerConformanceTests {

	@RegisterExtension
	static final RedisServerExtension redis = RedisServerExtension.create();

	@Override
	protected Streamer connect() {
		return SeaStreamer.connect(redis.uri());
	}

	/**
	 * The suite creates group consumers before the stream exists: Redis needs
	 * {@code MKSTREAM} for that (off by default, as in the Rust implementation).
	 */
	@Override
	protected ConsumerOptions.Builder consumerOptions(ConsumerMode mode) {
		return super.consumerOptions(mode).with(RedisConsumerOptions.builder().mkstream(true).build());
	}

	@Override
	protected boolean rewindAtIsInclusive() {
		return false;
	}

}

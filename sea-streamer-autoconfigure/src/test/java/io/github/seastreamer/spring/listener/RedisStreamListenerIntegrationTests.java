package io.github.seastreamer.spring.listener;

import java.util.Map;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code @StreamListener} scenarios on a real {@code redis-server}, with the second
 * streamer a second server.
 */
class RedisStreamListenerIntegrationTests extends AbstractStreamListenerScenarios {

	private static final String PREFIX = newPrefix();

	private static final LocalRedisServer SERVER = LocalRedisServer.start();

	private static final LocalRedisServer OTHER = LocalRedisServer.start();

	private static Map<String, String> properties() {
		return Map.of("seastreamer.uri", SERVER.uri(), "seastreamer.streamers.other.uri", OTHER.uri());
	}

	@DynamicPropertySource
	static void backend(DynamicPropertyRegistry registry) {
		register(registry, PREFIX, properties());
	}

	@Override
	Map<String, String> backendProperties() {
		return properties();
	}

	@Override
	String prefix() {
		return PREFIX;
	}

}

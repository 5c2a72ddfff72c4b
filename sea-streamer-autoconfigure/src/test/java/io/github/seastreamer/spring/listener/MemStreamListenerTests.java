package io.github.seastreamer.spring.listener;

import java.util.Map;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code @StreamListener} scenarios on the in-memory backend ({@code mem://}).
 */
class MemStreamListenerTests extends AbstractStreamListenerScenarios {

	private static final String PREFIX = newPrefix();

	private static final String BROKER = "listener-" + UUID.randomUUID();

	private static Map<String, String> properties() {
		return Map.of("seastreamer.uri", "mem://" + BROKER, "seastreamer.streamers.other.uri",
				"mem://" + BROKER + "-other");
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

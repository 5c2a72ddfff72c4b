package io.github.seastreamer.spring.listener;

import java.util.Map;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code @StreamListener} scenarios on an embedded Kafka broker (KRaft); the second
 * streamer is a second client of the same broker.
 */
class KafkaStreamListenerIntegrationTests extends AbstractStreamListenerScenarios {

	private static final String PREFIX = newPrefix();

	private static Map<String, String> properties() {
		String servers = EmbeddedKafka.bootstrapServers();
		return Map.of("seastreamer.uri", "kafka://" + servers, "seastreamer.streamers.other.uri", "kafka://" + servers,
				"seastreamer.kafka.auto-create-topic-partitions", "1");
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

package io.github.seastreamer.spring.listener;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The group operations on the embedded Kafka broker: the lag is end offsets minus
 * committed offsets, and moves alter the group's committed offsets (offsets for times).
 */
class KafkaGroupOperationsIntegrationTests extends AbstractGroupOperationsScenarios {

	private static final String PREFIX = newPrefix();

	@DynamicPropertySource
	static void backend(DynamicPropertyRegistry registry) {
		registry.add("seastreamer.uri", () -> "kafka://" + EmbeddedKafka.bootstrapServers());
		registry.add("ops.prefix", () -> PREFIX);
	}

	@Override
	String backend() {
		return "kafka";
	}

}

package io.github.seastreamer.spring.listener;

import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The group operations on {@code mem://} (lag and moves through the broker's memory).
 */
class MemGroupOperationsTests extends AbstractGroupOperationsScenarios {

	private static final String PREFIX = newPrefix();

	@DynamicPropertySource
	static void backend(DynamicPropertyRegistry registry) {
		registry.add("seastreamer.uri", () -> "mem://ops-" + UUID.randomUUID());
		registry.add("ops.prefix", () -> PREFIX);
	}

	@Override
	String backend() {
		return "mem";
	}

}

package io.github.seastreamer.spring.listener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The group operations on the file backend: the lag is the last sequence in the file
 * minus the committed one, and moves rewrite the group's offsets file.
 */
class FileGroupOperationsTests extends AbstractGroupOperationsScenarios {

	private static final String PREFIX = newPrefix();

	@DynamicPropertySource
	static void backend(DynamicPropertyRegistry registry) throws IOException {
		Path target = Path.of("target");
		Files.createDirectories(target);
		Path directory = Files.createTempDirectory(target.toAbsolutePath(), "file-ops-");
		registry.add("seastreamer.uri", () -> "file://" + directory.resolve("ops.ss"));
		registry.add("ops.prefix", () -> PREFIX);
	}

	@Override
	String backend() {
		return "file";
	}

}

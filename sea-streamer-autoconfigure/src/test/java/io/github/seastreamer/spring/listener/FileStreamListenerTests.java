package io.github.seastreamer.spring.listener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code @StreamListener} scenarios on the file backend: the default streamer and the
 * second one are two {@code .ss} files, created on start-up.
 */
class FileStreamListenerTests extends AbstractStreamListenerScenarios {

	private static final String PREFIX = newPrefix();

	private static final Path DIRECTORY = directory();

	private static Path directory() {
		try {
			Path target = Path.of("target");
			Files.createDirectories(target);
			return Files.createTempDirectory(target.toAbsolutePath(), "file-listener-");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, String> properties() {
		return Map.of("seastreamer.uri", "file://" + DIRECTORY.resolve("app.ss"), "seastreamer.streamers.other.uri",
				"file://" + DIRECTORY.resolve("other.ss"));
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

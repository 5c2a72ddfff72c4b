package io.github.seastreamer.spring.starter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.github.seastreamer.Message;
import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.spring.autoconfigure.SeaStreamerProperties;
import io.github.seastreamer.spring.test.StreamTester;
import org.junit.jupiter.api.Test;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the starter alone gives an application the auto-configuration and the file
 * backend, so it starts with no server.
 */
class StarterTests {

	@Test
	void starterBringsTheFileBackendAndTheAutoConfiguration() throws Exception {
		assertThat(SeaStreamer.availableSchemes()).contains("file");
		assertThat(new SeaStreamerProperties().getUri()).startsWith("file://");
		Path directory = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "starter-");
		Path file = directory.resolve("app.ss");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties("seastreamer.uri=file://" + file)
			.run()) {
			assertThat(context.getBean(Streamer.class).uri().protocol()).contains("file");
			StreamTester tester = StreamTester.from(context);
			String stream = "starter-" + UUID.randomUUID().toString().substring(0, 8);
			tester.send(stream, "hello");
			List<Message> messages = tester.read(stream, 1, Duration.ofSeconds(10));
			assertThat(messages).extracting(Message::payloadAsString).containsExactly("hello");
		}
		assertThat(file).exists();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}

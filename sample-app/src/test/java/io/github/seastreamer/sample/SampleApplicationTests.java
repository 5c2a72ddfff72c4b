package io.github.seastreamer.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample on its default, the file backend (on a fresh file, so that a sample running
 * meanwhile on the machine does not hold the same file), with the web page, the
 * server-sent events and the actuator endpoints.
 */
class SampleApplicationTests extends AbstractSampleApplicationTests {

	@TempDir
	static Path directory;

	@DynamicPropertySource
	static void fileBackend(DynamicPropertyRegistry registry) {
		registry.add("seastreamer.uri", () -> "file://" + directory.resolve("sample.ss"));
	}

	@Test
	void defaultUriIsAFileInTheTemporaryDirectory() throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/application.yml")) {
			assertThat(in).isNotNull();
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
				.contains("uri: file://${java.io.tmpdir}/seastreamer-sample.ss");
		}
	}

	@Test
	void backendShownIsTheFileOfTheUri() {
		assertThat(http().json("/candles").path("backend").asString())
			.isEqualTo("file://" + directory.resolve("sample.ss"));
	}

	@Test
	void rootServesThePageThatSubscribesToTheCandleStream() {
		HttpResponse<String> page = http().get("/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("<table id=\"candles\">", "new EventSource(\"candles/stream\")",
				"<table id=\"listeners\">");
	}

	@Test
	void candleStreamPushesSnapshotsAsServerSentEvents() throws Exception {
		await().atMost(STARTUP).until(() -> http().json("/candles").path("candlesReceived").asLong() > 0);
		HttpRequest request = HttpRequest.newBuilder(URI.create(http().url("/candles/stream")))
			.header("Accept", "text/event-stream")
			.build();
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<java.util.stream.Stream<String>> response = client
			.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
			.get(5, TimeUnit.SECONDS);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		try (java.util.stream.Stream<String> lines = response.body()) {
			// two snapshots: the one sent on subscription and one pushed later
			CompletableFuture<java.util.List<String>> data = CompletableFuture
				.supplyAsync(() -> lines.filter((line) -> line.startsWith("data:"))
					.limit(2)
					.map((line) -> line.substring("data:".length()))
					.toList());
			java.util.List<String> snapshots = data.get(5, TimeUnit.SECONDS);
			assertThat(snapshots).hasSize(2)
				.allSatisfy((json) -> assertThat(json).contains("\"candles\":[{\"symbol\":"));
		}
	}

	@Test
	void actuatorExposesHealthDetailsAndMetrics() {
		JsonNode health = http().json("/actuator/health");
		assertThat(health.path("components").path("diskSpace").path("details").isObject()).isTrue();
		JsonNode metrics = http().json("/actuator/metrics");
		assertThat(metrics.path("names").toString()).contains("jvm.memory.used", "http.server.requests");
	}

}

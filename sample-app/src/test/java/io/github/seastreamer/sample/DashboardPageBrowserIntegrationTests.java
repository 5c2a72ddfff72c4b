package io.github.seastreamer.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The page at {@code /} in a real browser (Debian's headless {@code chromium}): candle
 * rows and listener rows appear, and they keep changing as server-sent events arrive.
 */
class DashboardPageBrowserIntegrationTests extends AbstractSampleApplicationTests {

	@TempDir
	static Path directory;

	@DynamicPropertySource
	static void fileBackend(DynamicPropertyRegistry registry) {
		registry.add("seastreamer.uri", () -> "file://" + directory.resolve("sample.ss"));
	}

	@BeforeAll
	static void chromiumInstalled() {
		assumeThat(Files.isExecutable(HeadlessChromium.EXECUTABLE))
			.as("/usr/bin/chromium is not installed (apt-get install -y chromium): the page cannot be driven")
			.isTrue();
	}

	@Test
	void pageShowsCandlesAndListenersAndUpdatesThemLive() throws Exception {
		await().atMost(STARTUP).until(() -> http().json("/candles").path("candlesReceived").asLong() > 0);
		try (HeadlessChromium browser = HeadlessChromium.open(http().url("/"))) {
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(200))
				.untilAsserted(() -> assertThat(
						browser.evaluate("document.querySelectorAll('#candles tbody tr.candle').length").asInt())
					.isPositive());
			JsonNode symbols = browser
				.evaluate("[...document.querySelectorAll('#candles tr.candle')].map((r) => r.dataset.symbol)");
			assertThat(symbols.toString()).contains("\"SEA\"");
			JsonNode listeners = browser
				.evaluate("[...document.querySelectorAll('#listeners tr.listener')].map((r) => r.dataset.id)");
			assertThat(listeners.toString()).contains(CandleAggregator.LISTENER_ID, CandleBoard.LISTENER_ID);
			String status = browser.evaluate("document.getElementById('status').textContent").asString();
			assertThat(status).contains("trades sent");
			// the status line carries the snapshot time: it changes only if events keep
			// arriving
			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(200))
				.untilAsserted(
						() -> assertThat(browser.evaluate("document.getElementById('status').textContent").asString())
							.isNotEqualTo(status));
		}
	}

}

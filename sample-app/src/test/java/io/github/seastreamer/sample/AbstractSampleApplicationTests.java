package io.github.seastreamer.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the sample does on every backend: health is UP, trades become candles that reach
 * the sink, and both listeners run. Subclasses pick the backend.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sample.trades-per-second=200")
@DirtiesContext
abstract class AbstractSampleApplicationTests {

	static final Duration STARTUP = Duration.ofSeconds(10);

	@LocalServerPort
	int port;

	Http http() {
		return new Http(this.port);
	}

	@Test
	void healthIsUpWithinTenSeconds() {
		await().atMost(STARTUP)
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(http().json("/actuator/health").path("status").asString()).isEqualTo("UP"));
	}

	@Test
	void healthHasSeaStreamerDetailsForTheStreamerAndEachListener() {
		await().atMost(STARTUP).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			JsonNode seastreamer = http().json("/actuator/health").path("components").path("seastreamer");
			assertThat(seastreamer.path("status").asString()).isEqualTo("UP");
			JsonNode streamer = seastreamer.path("components").path("streamers").path("components").path("default");
			assertThat(streamer.path("status").asString()).isEqualTo("UP");
			assertThat(streamer.path("details").path("uri").asString())
				.isEqualTo(http().json("/candles").path("backend").asString());
			JsonNode listeners = seastreamer.path("components").path("listeners").path("components");
			assertThat(listeners.path(CandleAggregator.LISTENER_ID).path("details").path("state").asString())
				.isEqualTo("RUNNING");
			assertThat(listeners.path(CandleBoard.LISTENER_ID).path("details").path("state").asString())
				.isEqualTo("RUNNING");
		});
	}

	@Test
	void receivedMessagesMetricGrows() {
		String path = "/actuator/metrics/seastreamer.messages.received?tag=listener:" + CandleAggregator.LISTENER_ID;
		await().atMost(STARTUP)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> http().get(path).statusCode() == 200 && received(path) > 0);
		double first = received(path);
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() -> received(path) > first);
	}

	private double received(String path) {
		return http().json(path).path("measurements").get(0).path("value").asDouble();
	}

	@Test
	void seaStreamerEndpointListsTheStreamerAndTheListeners() {
		JsonNode endpoint = http().json("/actuator/seastreamer");
		assertThat(endpoint.path("streamers").path("default").path("uri").asString())
			.isEqualTo(http().json("/candles").path("backend").asString());
		List<String> ids = new ArrayList<>();
		endpoint.path("listeners").forEach((listener) -> ids.add(listener.path("id").asString()));
		assertThat(ids).containsExactlyInAnyOrder(CandleAggregator.LISTENER_ID, CandleBoard.LISTENER_ID);
	}

	@Test
	void tradesBecomeCandlesThatReachTheSinkWithinTenSeconds() {
		List<JsonNode> candles = new ArrayList<>();
		await().atMost(STARTUP).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			JsonNode snapshot = http().json("/candles");
			assertThat(snapshot.path("tradesSent").asLong()).isPositive();
			assertThat(snapshot.path("candlesReceived").asLong()).isPositive();
			assertThat(snapshot.path("candles")).isNotEmpty();
			candles.clear();
			snapshot.path("candles").forEach(candles::add);
		});
		for (JsonNode candle : candles) {
			double low = candle.path("low").asDouble();
			double high = candle.path("high").asDouble();
			assertThat(candle.path("symbol").asString()).isIn("SEA", "ORM", "RUST", "JAVA");
			assertThat(low).isPositive().isLessThanOrEqualTo(high);
			assertThat(candle.path("open").asDouble()).isBetween(low, high);
			assertThat(candle.path("close").asDouble()).isBetween(low, high);
			assertThat(candle.path("volume").asLong()).isGreaterThanOrEqualTo(candle.path("trades").asLong());
			assertThat(candle.path("trades").asLong()).isPositive();
			assertThat(candle.path("start").asLong() % 1000).isZero();
		}
	}

	@Test
	void bothListenersRunAndReportTheirRate() {
		await().atMost(STARTUP).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			JsonNode listeners = http().json("/candles").path("listeners");
			assertThat(listeners).hasSize(2);
			JsonNode aggregator = listeners.get(0);
			JsonNode board = listeners.get(1);
			assertThat(aggregator.path("id").asString()).isEqualTo(CandleAggregator.LISTENER_ID);
			assertThat(aggregator.path("streams").asString()).isEqualTo("trades");
			assertThat(aggregator.path("state").asString()).isEqualTo("RUNNING");
			assertThat(aggregator.path("completed").asLong()).isPositive();
			assertThat(aggregator.path("ratePerSecond").asDouble()).isPositive();
			assertThat(aggregator.path("delayMillis").isNumber()).isTrue();
			assertThat(board.path("id").asString()).isEqualTo(CandleBoard.LISTENER_ID);
			assertThat(board.path("streams").asString()).isEqualTo("candles");
			assertThat(board.path("state").asString()).isEqualTo("RUNNING");
			assertThat(board.path("completed").asLong()).isPositive();
		});
	}

}

package io.github.seastreamer.spring.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.github.seastreamer.spring.annotation.StreamListener;
import io.github.seastreamer.spring.test.StreamTester;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operations layer over real HTTP on a running application: {@code /actuator/health}
 * (with readiness and liveness groups), {@code /actuator/metrics/seastreamer.*} and
 * {@code /actuator/seastreamer}, with a listener on {@code mem://} and a second streamer
 * on a real, password-protected redis-server that is stopped and started again; no
 * password appears in any response or log line.
 */
@SpringBootTest(classes = ActuatorHttpIntegrationTests.App.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,metrics,seastreamer",
				"management.endpoint.health.show-details=always", "management.endpoint.health.show-components=always",
				"management.endpoint.health.probes.enabled=true", "management.health.redis.enabled=false",
				"logging.level.io.github.seastreamer=DEBUG" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActuatorHttpIntegrationTests {

	private static final String PASSWORD = "s3cr3t-Pa55word";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final RestartableRedis redis = new RestartableRedis(PASSWORD);

	private static final Queue<String> bodies = new ConcurrentLinkedQueue<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private BeanFactory beanFactory;

	@Autowired
	private Events events;

	@DynamicPropertySource
	static void streamers(DynamicPropertyRegistry registry) {
		redis.start();
		registry.add("seastreamer.uri", () -> "mem://http-" + UUID.randomUUID());
		registry.add("seastreamer.streamers.secured.uri",
				() -> "redis://default:" + PASSWORD + "@127.0.0.1:" + redis.port());
	}

	@Test
	@Order(1)
	void healthMetricsAndEndpointShowTheFiguresOverHttp() throws Exception {
		StreamTester tester = StreamTester.from(this.beanFactory);
		for (int i = 0; i < 3; i++) {
			tester.send("events", "e" + i);
		}
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.events.received).hasSize(3));

		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
		assertThat(health.body()).contains("\"seastreamer\"")
			.contains("\"secured\"")
			.contains("\"backend\":\"redis\"")
			.contains("\"events\"")
			.contains("\"state\":\"RUNNING\"");

		await().atMost(WAIT).untilAsserted(() -> {
			HttpResponse<String> received = get("/actuator/metrics/seastreamer.messages.received?tag=listener:events");
			assertThat(received.statusCode()).isEqualTo(200);
			assertThat(received.body()).contains("\"statistic\":\"COUNT\",\"value\":3.0");
		});
		HttpResponse<String> timer = get("/actuator/metrics/seastreamer.listener?tag=outcome:success");
		assertThat(timer.statusCode()).isEqualTo(200);
		assertThat(timer.body()).contains("\"statistic\":\"COUNT\",\"value\":3.0");

		HttpResponse<String> sent = get("/actuator/metrics/seastreamer.messages.sent?tag=stream:events");
		assertThat(sent.statusCode()).isEqualTo(200);
		assertThat(sent.body()).contains("\"statistic\":\"COUNT\",\"value\":3.0");

		HttpResponse<String> endpoint = get("/actuator/seastreamer");
		assertThat(endpoint.statusCode()).isEqualTo(200);
		assertThat(endpoint.body()).contains("\"id\":\"events\"")
			.contains("\"state\":\"RUNNING\"")
			.contains("\"received\":3")
			.contains("\"backend\":\"redis\"")
			.contains("127.0.0.1:" + redis.port());
	}

	@Test
	@Order(2)
	void pauseAndResumeThroughTheEndpointKeepTheListenerHealthy() throws Exception {
		HttpResponse<String> paused = post("/actuator/seastreamer/events", "{\"action\":\"pause\"}");
		assertThat(paused.statusCode()).isEqualTo(200);
		assertThat(paused.body()).contains("\"state\":\"PAUSED\"");
		HttpResponse<String> health = get("/actuator/health/seastreamer/listeners/events");
		assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"paused\":true");

		int before = this.events.received.size();
		StreamTester.from(this.beanFactory).send("events", "while-paused");
		await().during(Duration.ofMillis(300))
			.atMost(WAIT)
			.untilAsserted(() -> assertThat(this.events.received).hasSize(before));

		HttpResponse<String> resumed = post("/actuator/seastreamer/events", "{\"action\":\"resume\"}");
		assertThat(resumed.body()).contains("\"state\":\"RUNNING\"");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.events.received).contains("while-paused"));

		HttpResponse<String> unknown = post("/actuator/seastreamer/events", "{\"action\":\"explode\"}");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(get("/actuator/seastreamer/nobody").statusCode()).isEqualTo(404);
	}

	@Test
	@Order(3)
	void redisOutageMakesTheAppNotReadyButNotDeadAndItRecovers() throws Exception {
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		redis.stop();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			HttpResponse<String> readiness = get("/actuator/health/readiness");
			assertThat(readiness.statusCode()).isEqualTo(503);
			assertThat(readiness.body()).contains("\"status\":\"DOWN\"");
		});
		HttpResponse<String> streamer = get("/actuator/health/seastreamer/streamers/secured");
		assertThat(streamer.body()).contains("\"status\":\"DOWN\"");
		assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);

		redis.start();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200));
		assertThat(get("/actuator/health/seastreamer/streamers/secured").body()).contains("\"status\":\"UP\"");
	}

	@Test
	@Order(4)
	void noPasswordAppearsInAnyResponseMetricTagOrLogLine(CapturedOutput output) throws Exception {
		get("/actuator/seastreamer");
		get("/actuator/health");
		get("/actuator/metrics/seastreamer.messages.received");
		get("/actuator/metrics/seastreamer.listener");
		get("/actuator/metrics/seastreamer.listener.in-flight");
		assertThat(bodies).isNotEmpty();
		assertThat(bodies).allSatisfy((body) -> assertThat(body).doesNotContain(PASSWORD));
		assertThat(output.getAll()).isNotEmpty().doesNotContain(PASSWORD);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(WAIT)
			.GET()
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		bodies.add(response.body());
		return response;
	}

	private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(WAIT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		bodies.add(response.body());
		return response;
	}

	static class Events {

		final Queue<String> received = new ConcurrentLinkedQueue<>();

		@StreamListener(id = "events", streams = "events")
		void on(String payload) {
			this.received.add(payload);
		}

		List<String> snapshot() {
			return List.copyOf(this.received);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		Events events() {
			return new Events();
		}

	}

}

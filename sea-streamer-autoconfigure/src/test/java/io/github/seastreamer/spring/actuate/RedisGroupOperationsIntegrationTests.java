package io.github.seastreamer.spring.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.spring.actuate.endpoint.SeaStreamerEndpoint;
import io.github.seastreamer.spring.actuate.metrics.SeaStreamerListenerMetrics;
import io.github.seastreamer.spring.annotation.StreamListener;
import io.github.seastreamer.spring.core.Streamers;
import io.github.seastreamer.spring.listener.ListenerContainer;
import io.github.seastreamer.spring.listener.StreamListenerEndpointRegistry;
import io.github.seastreamer.spring.test.StreamTester;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The {@code seastreamer.consumer.lag} gauge of a Resumable listener on a real
 * redis-server: it rises while the listener is paused and falls to zero once it resumed
 * and committed; the endpoint's seek moves the group so that it replays from a time.
 */
@SpringBootTest(classes = RedisGroupOperationsIntegrationTests.App.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "seastreamer.metrics.lag-interval=100ms", "seastreamer.consumer.commit-interval=100ms" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RedisGroupOperationsIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final RestartableRedis redis = new RestartableRedis("");

	@Autowired
	private BeanFactory beanFactory;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private StreamListenerEndpointRegistry registry;

	@Autowired
	private Streamers streamers;

	@Autowired
	private SeaStreamerListenerMetrics metrics;

	@Autowired
	private Work work;

	@DynamicPropertySource
	static void streamer(DynamicPropertyRegistry registry) {
		redis.start();
		registry.add("seastreamer.uri", () -> "redis://127.0.0.1:" + redis.port());
	}

	@Test
	void lagRisesWhileTheListenerIsPausedAndFallsToZeroAfterResume() {
		SeaStreamerEndpoint endpoint = new SeaStreamerEndpoint(this.streamers, this.registry, this.metrics);
		ListenerContainer container = this.registry.getListenerContainer("lagging").orElseThrow();
		await().atMost(WAIT).until(container::isRunning);
		container.pause();
		StreamTester tester = StreamTester.from(this.beanFactory);
		for (int i = 0; i < 5; i++) {
			tester.send("work", "job-" + i);
		}
		await().atMost(WAIT).untilAsserted(() -> assertThat(lag()).isEqualTo(5.0));
		assertThat(endpoint.listener("lagging").lag()).containsEntry("work", 5L);

		container.resume();
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.work.done).hasSize(5));
		await().atMost(WAIT).untilAsserted(() -> assertThat(lag()).isEqualTo(0.0));
		assertThat(endpoint.listener("lagging").lag()).containsEntry("work", 0L);
	}

	@Test
	void endpointSeekReplaysTheGroupFromTheGivenTime() {
		SeaStreamerEndpoint endpoint = new SeaStreamerEndpoint(this.streamers, this.registry, this.metrics);
		ListenerContainer container = this.registry.getListenerContainer("replaying").orElseThrow();
		await().atMost(WAIT).until(container::isRunning);
		StreamTester tester = StreamTester.from(this.beanFactory);
		tester.send("replay", "before-1");
		Instant mark = tester.send("replay", "before-2").timestamp();
		await().atMost(WAIT).pollInterval(Duration.ofMillis(1)).until(() -> Instant.now().isAfter(mark.plusMillis(2)));
		tester.send("replay", "after-1");
		tester.send("replay", "after-2");
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(this.work.replayed).containsExactly("before-1", "before-2", "after-1", "after-2"));

		SeaStreamerEndpoint.ListenerDescriptor moved = endpoint.move("replaying", "seek", mark.toString());
		assertThat(moved.state()).isEqualTo("RUNNING");
		assertThat(moved.group()).isEqualTo("replay-group");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.work.replayed).containsExactly("before-1", "before-2", "after-1",
					"after-2", "after-1", "after-2"));

		assertThatThrownBy(() -> endpoint.move("replaying", "seek", "yesterday"))
			.isInstanceOf(InvalidEndpointRequestException.class)
			.hasMessageContaining("ISO-8601");
	}

	private double lag() {
		Gauge gauge = this.meterRegistry.find("seastreamer.consumer.lag")
			.tags("listener", "lagging", "stream", "work", "backend", "redis")
			.gauge();
		return (gauge != null) ? gauge.value() : -1;
	}

	static class Work {

		final Queue<String> done = new ConcurrentLinkedQueue<>();

		final Queue<String> replayed = new ConcurrentLinkedQueue<>();

		@StreamListener(id = "replaying", streams = "replay", mode = ConsumerMode.RESUMABLE, group = "replay-group",
				reset = StreamReset.EARLIEST)
		void replay(String payload) {
			this.replayed.add(payload);
		}

		@StreamListener(id = "lagging", streams = "work", mode = ConsumerMode.RESUMABLE, group = "lag-group",
				reset = StreamReset.EARLIEST)
		void on(String payload) {
			this.done.add(payload);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		Work work() {
			return new Work();
		}

	}

}

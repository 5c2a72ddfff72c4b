package io.github.seastreamer.spring.listener;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.spring.actuate.endpoint.SeaStreamerEndpoint;
import io.github.seastreamer.spring.actuate.metrics.SeaStreamerListenerMetrics;
import io.github.seastreamer.spring.annotation.StreamListener;
import io.github.seastreamer.spring.core.Streamers;
import io.github.seastreamer.spring.test.StreamTester;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operations of a listener's consumer group on one backend, through the real
 * auto-configuration: the {@code seastreamer.consumer.lag} gauge rises while a Resumable
 * listener is paused and falls to zero after resume; the actuator endpoint moves the
 * group to a time, the end and the beginning, and the listener replays from there; the
 * meters of an unregistered listener leave the registry. Subclasses name the backend
 * ({@code seastreamer.uri}) and set {@code ops.prefix}, which makes the stream names
 * unique.
 */
@SpringBootTest(classes = AbstractGroupOperationsScenarios.App.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "seastreamer.metrics.lag-interval=100ms", "seastreamer.consumer.commit-interval=100ms",
				"seastreamer.kafka.auto-create-topic-partitions=1" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class AbstractGroupOperationsScenarios {

	static final Duration WAIT = Duration.ofSeconds(30);

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

	@Value("${ops.prefix}")
	private String prefix;

	/**
	 * The backend tag of the streamer.
	 * @return the URI scheme
	 */
	abstract String backend();

	static String newPrefix() {
		return "ops-" + UUID.randomUUID().toString().substring(0, 8) + "-";
	}

	private SeaStreamerEndpoint endpoint() {
		return new SeaStreamerEndpoint(this.streamers, this.registry, this.metrics);
	}

	private ListenerContainer running(String id) {
		ListenerContainer container = this.registry.getListenerContainer(id).orElseThrow();
		await().atMost(WAIT).until(container::isRunning);
		return container;
	}

	@Test
	void lagRisesWhileTheListenerIsPausedAndFallsToZeroAfterResume() {
		StreamTester tester = StreamTester.from(this.beanFactory);
		ListenerContainer container = running("lagging");
		String stream = this.prefix + "work";
		tester.send(stream, "warm-up");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.work.done).contains("warm-up"));
		await().atMost(WAIT).untilAsserted(() -> assertThat(lag(stream)).isEqualTo(0.0));

		container.pause();
		for (int i = 0; i < 5; i++) {
			tester.send(stream, "job-" + i);
		}
		await().atMost(WAIT).untilAsserted(() -> assertThat(lag(stream)).isEqualTo(5.0));
		assertThat(endpoint().listener("lagging").lag()).containsEntry(stream, 5L);

		container.resume();
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.work.done).hasSize(6));
		await().atMost(WAIT).untilAsserted(() -> assertThat(lag(stream)).isEqualTo(0.0));
		assertThat(endpoint().listener("lagging").lag()).containsEntry(stream, 0L);
	}

	@Test
	void endpointSeekReplaysTheGroupFromTheGivenTime() {
		StreamTester tester = StreamTester.from(this.beanFactory);
		running("replaying");
		String stream = this.prefix + "replay";
		tester.send(stream, "before-1");
		// strictly between the last message before and the first after, whatever the
		// backend's boundary (at or after the time)
		Instant mark = tester.send(stream, "before-2").timestamp().plusMillis(1);
		await().atMost(WAIT).pollInterval(Duration.ofMillis(1)).until(() -> Instant.now().isAfter(mark.plusMillis(2)));
		tester.send(stream, "after-1");
		tester.send(stream, "after-2");
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(this.work.replayed).containsExactly("before-1", "before-2", "after-1", "after-2"));

		SeaStreamerEndpoint.ListenerDescriptor moved = endpoint().move("replaying", "seek", mark.toString());
		assertThat(moved.state()).isEqualTo("RUNNING");
		assertThat(moved.group()).isEqualTo("replay-group");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.work.replayed).containsExactly("before-1", "before-2", "after-1",
					"after-2", "after-1", "after-2"));
	}

	@Test
	void endpointMovesAStoppedGroupToTheEndAndARunningOneToTheBeginning() {
		StreamTester tester = StreamTester.from(this.beanFactory);
		running("moving");
		String stream = this.prefix + "moves";
		tester.send(stream, "a");
		tester.send(stream, "b");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.work.moved).containsExactly("a", "b"));

		assertThat(endpoint().act("moving", "stop").state()).isEqualTo("STOPPED");
		tester.send(stream, "skipped-1");
		tester.send(stream, "skipped-2");
		SeaStreamerEndpoint.ListenerDescriptor atEnd = endpoint().move("moving", "seek", "end");
		assertThat(atEnd.state()).isEqualTo("STOPPED");
		assertThat(endpoint().act("moving", "start").state()).isEqualTo("RUNNING");
		tester.send(stream, "c");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.work.moved).containsExactly("a", "b", "c"));

		endpoint().move("moving", "seek", "beginning");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.work.moved).containsExactly("a", "b", "c", "a", "b", "skipped-1",
					"skipped-2", "c"));
	}

	@Test
	void metersOfAnUnregisteredListenerAreRemovedAndOthersStay() {
		StreamTester tester = StreamTester.from(this.beanFactory);
		running("removable");
		running("lagging");
		tester.send(this.prefix + "gone", "x");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(
					this.meterRegistry.find("seastreamer.messages.received").tag("listener", "removable").counters())
				.isNotEmpty());
		assertThat(this.meterRegistry.find("seastreamer.listener").tag("listener", "removable").timers()).isNotEmpty();

		assertThat(this.registry.unregister("removable")).isPresent();
		assertThat(this.registry.getListenerContainer("removable")).isEmpty();
		assertThat(this.meterRegistry.find("seastreamer.messages.received").tag("listener", "removable").meters())
			.isEmpty();
		assertThat(this.meterRegistry.getMeters())
			.noneMatch((meter) -> "removable".equals(meter.getId().getTag("listener")));
		assertThat(this.meterRegistry.find("seastreamer.listener.in-flight").tag("listener", "lagging").gauges())
			.isNotEmpty();
		assertThat(this.registry.unregister("removable")).isEmpty();
	}

	private double lag(String stream) {
		Gauge gauge = this.meterRegistry.find("seastreamer.consumer.lag")
			.tags("listener", "lagging", "stream", stream, "backend", backend())
			.gauge();
		return (gauge != null) ? gauge.value() : -1;
	}

	static class Work {

		final Queue<String> done = new ConcurrentLinkedQueue<>();

		final Queue<String> replayed = new ConcurrentLinkedQueue<>();

		final Queue<String> moved = new ConcurrentLinkedQueue<>();

		final List<String> gone = new java.util.concurrent.CopyOnWriteArrayList<>();

		@StreamListener(id = "lagging", streams = "${ops.prefix}work", mode = ConsumerMode.RESUMABLE,
				group = "lag-group", reset = StreamReset.EARLIEST)
		void on(String payload) {
			this.done.add(payload);
		}

		@StreamListener(id = "replaying", streams = "${ops.prefix}replay", mode = ConsumerMode.RESUMABLE,
				group = "replay-group", reset = StreamReset.EARLIEST)
		void replay(String payload) {
			this.replayed.add(payload);
		}

		@StreamListener(id = "moving", streams = "${ops.prefix}moves", mode = ConsumerMode.RESUMABLE,
				group = "move-group", reset = StreamReset.EARLIEST)
		void move(String payload) {
			this.moved.add(payload);
		}

		@StreamListener(id = "removable", streams = "${ops.prefix}gone", mode = ConsumerMode.RESUMABLE,
				group = "gone-group", reset = StreamReset.EARLIEST)
		void gone(String payload) {
			this.gone.add(payload);
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

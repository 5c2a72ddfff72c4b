package io.github.seastreamer.spring.listener;

import java.time.Duration;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.spring.annotation.StreamListener;
import io.github.seastreamer.spring.test.StreamTester;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code seastreamer.consumer.lag} gauge of a Resumable listener on the embedded
 * Kafka broker (end offsets minus committed offsets): it rises while the listener is
 * paused and falls to zero once it resumed and committed. (Operations layer, issue 7;
 * here for the package-private broker helper.)
 */
@SpringBootTest(classes = KafkaConsumerLagIntegrationTests.App.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "seastreamer.metrics.lag-interval=200ms", "seastreamer.consumer.commit-interval=100ms",
				"seastreamer.kafka.auto-create-topic-partitions=1" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KafkaConsumerLagIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String TOPIC = "lag-" + UUID.randomUUID().toString().substring(0, 8);

	@Autowired
	private BeanFactory beanFactory;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private StreamListenerEndpointRegistry registry;

	@Autowired
	private Work work;

	@DynamicPropertySource
	static void streamer(DynamicPropertyRegistry registry) {
		registry.add("seastreamer.uri", () -> "kafka://" + EmbeddedKafka.bootstrapServers());
		registry.add("lag.topic", () -> TOPIC);
	}

	@Test
	void lagRisesWhileTheListenerIsPausedAndFallsToZeroAfterResume() {
		StreamTester tester = StreamTester.from(this.beanFactory);
		ListenerContainer container = this.registry.getListenerContainer("kafka-lagging").orElseThrow();
		await().atMost(WAIT).until(container::isRunning);
		tester.send(TOPIC, "warm-up");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.work.done).contains("warm-up"));
		await().atMost(WAIT).untilAsserted(() -> assertThat(lag()).isEqualTo(0.0));

		container.pause();
		for (int i = 0; i < 5; i++) {
			tester.send(TOPIC, "job-" + i);
		}
		await().atMost(WAIT).untilAsserted(() -> assertThat(lag()).isEqualTo(5.0));

		container.resume();
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.work.done).hasSize(6));
		await().atMost(WAIT).untilAsserted(() -> assertThat(lag()).isEqualTo(0.0));
	}

	private double lag() {
		Gauge gauge = this.meterRegistry.find("seastreamer.consumer.lag")
			.tags("listener", "kafka-lagging", "stream", TOPIC, "backend", "kafka")
			.gauge();
		return (gauge != null) ? gauge.value() : -1;
	}

	static class Work {

		final Queue<String> done = new ConcurrentLinkedQueue<>();

		@StreamListener(id = "kafka-lagging", streams = "${lag.topic}", mode = ConsumerMode.RESUMABLE,
				group = "kafka-lag-group", reset = StreamReset.EARLIEST)
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

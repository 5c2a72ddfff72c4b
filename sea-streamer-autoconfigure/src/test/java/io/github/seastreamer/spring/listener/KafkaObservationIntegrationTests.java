package io.github.seastreamer.spring.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.spring.actuate.FakePropagation;
import io.github.seastreamer.spring.actuate.observation.StreamProcessContext;
import io.github.seastreamer.spring.actuate.observation.StreamSendContext;
import io.github.seastreamer.spring.annotation.StreamListener;
import io.github.seastreamer.spring.test.StreamTester;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
 * Observations on the embedded Kafka broker: a send through the stream template is
 * observed and the trace context a (stand-in) tracing handler injects travels as a Kafka
 * record header; the listener that receives the message reads it back from the message's
 * attributes, continuing the trace, and is observed with the Kafka backend's tags.
 */
@SpringBootTest(classes = KafkaObservationIntegrationTests.App.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "seastreamer.kafka.auto-create-topic-partitions=1", "seastreamer.observation.enabled=true" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KafkaObservationIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String TOPIC = "traced-" + UUID.randomUUID().toString().substring(0, 8);

	@Autowired
	private BeanFactory beanFactory;

	@Autowired
	private TestObservationRegistry observations;

	@Autowired
	private Work work;

	@DynamicPropertySource
	static void streamer(DynamicPropertyRegistry registry) {
		registry.add("seastreamer.uri", () -> "kafka://" + EmbeddedKafka.bootstrapServers());
		registry.add("traced.topic", () -> TOPIC);
	}

	@Test
	void theTraceContextOfASendTravelsAsAKafkaHeaderAndTheListenerContinuesIt() {
		ListenerContainer container = this.beanFactory.getBean(StreamListenerEndpointRegistry.class)
			.getListenerContainer("kafka-traced")
			.orElseThrow();
		await().atMost(WAIT).until(container::isRunning);
		StreamTester.from(this.beanFactory).send(TOPIC, "hello");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.work.done).containsExactly("hello"));

		List<Observation.Context> contexts = new ArrayList<>();
		TestObservationRegistryAssert.assertThat(this.observations).hasHandledContextsThatSatisfy(contexts::addAll);
		StreamSendContext sent = contexts.stream()
			.filter(StreamSendContext.class::isInstance)
			.map(StreamSendContext.class::cast)
			.filter((c) -> c.getStream().equals(TOPIC))
			.findFirst()
			.orElseThrow();
		String traceparent = sent.get(FakePropagation.HEADER);
		assertThat(traceparent).startsWith("trace-");
		assertThat(headersOfTheFirstRecord()).containsEntry(FakePropagation.HEADER, traceparent);
		// the listener's observation continues the producer's trace from the header
		StreamProcessContext processed = contexts.stream()
			.filter(StreamProcessContext.class::isInstance)
			.map(StreamProcessContext.class::cast)
			.filter((c) -> c.getListener().equals("kafka-traced"))
			.findFirst()
			.orElseThrow();
		assertThat(processed.getMessage().attributes()).containsEntry(FakePropagation.HEADER, traceparent);
		assertThat((String) processed.get(FakePropagation.REMOTE_PARENT)).isEqualTo(traceparent);

		TestObservationRegistryAssert.assertThat(this.observations)
			.hasAnObservation((observation) -> observation.hasNameEqualTo("seastreamer.send")
				.hasLowCardinalityKeyValue("backend", "kafka")
				.hasLowCardinalityKeyValue("stream", TOPIC))
			.hasAnObservation((observation) -> observation.hasNameEqualTo("seastreamer.process")
				.hasLowCardinalityKeyValue("listener", "kafka-traced")
				.hasLowCardinalityKeyValue("backend", "kafka")
				.hasLowCardinalityKeyValue("stream", TOPIC)
				.hasLowCardinalityKeyValue("outcome", "success"));
	}

	private Map<String, String> headersOfTheFirstRecord() {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, "traced-reader-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(TOPIC));
			List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
			await().atMost(WAIT).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				return !records.isEmpty();
			});
			Map<String, String> headers = new java.util.LinkedHashMap<>();
			for (Header header : records.get(0).headers()) {
				headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
			}
			return headers;
		}
	}

	static class Work {

		final Queue<String> done = new ConcurrentLinkedQueue<>();

		@StreamListener(id = "kafka-traced", streams = "${traced.topic}", mode = ConsumerMode.RESUMABLE,
				group = "traced-group", reset = StreamReset.EARLIEST)
		void on(String payload) {
			this.done.add(payload);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		TestObservationRegistry observationRegistry() {
			TestObservationRegistry registry = TestObservationRegistry.create();
			registry.observationConfig().observationHandler(new FakePropagation());
			return registry;
		}

		@Bean
		Work work() {
			return new Work();
		}

	}

}

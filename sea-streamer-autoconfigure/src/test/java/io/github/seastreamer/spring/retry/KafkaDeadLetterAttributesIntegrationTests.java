package io.github.seastreamer.spring.retry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.Timestamps;
import io.github.seastreamer.spring.test.StreamTester;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On an embedded KRaft broker: a dead-letter record keeps the payload as its value and
 * carries the error and origin as headers.
 */
@SpringBootTest(classes = DeadLetterTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "seastreamer.retry.initial-interval=10ms", "seastreamer.retry.max-interval=20ms",
				"seastreamer.retry.max-attempts=2", "seastreamer.consumer.commit-interval=50ms" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KafkaDeadLetterAttributesIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final EmbeddedKafkaKraftBroker broker;

	static {
		broker = new EmbeddedKafkaKraftBroker(1, 1);
		broker.brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0", "offsets.topic.num.partitions", "1",
				"auto.create.topics.enable", "true"));
		broker.afterPropertiesSet();
		// destroyed when the JVM exits: the context (closed after the class) still talks
		// to it
		Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
	}

	@Autowired
	private BeanFactory beanFactory;

	@Autowired
	private DeadLetterTestApp.Handlers handlers;

	@DynamicPropertySource
	static void uri(DynamicPropertyRegistry registry) {
		registry.add("seastreamer.uri", () -> "kafka://" + broker.getBrokersAsString());
	}

	@Test
	void deadLetterRecordCarriesTheErrorAndOriginAsHeaders() {
		StreamTester tester = StreamTester.from(this.beanFactory);
		tester.send(DeadLetterTestApp.STREAM, "a");
		MessageHeader poison = tester.send(DeadLetterTestApp.STREAM, DeadLetterTestApp.POISON);
		tester.send(DeadLetterTestApp.STREAM, "b");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.handlers.processed).containsExactly("a", "b"));
		List<Message> dead = tester.read(DeadLetterTestApp.DEAD_LETTER_STREAM, 1, WAIT);
		assertThat(dead.get(0).payloadAsString()).isEqualTo(DeadLetterTestApp.POISON);
		try (KafkaConsumer<byte[], byte[]> plain = new KafkaConsumer<>(
				Map.of("bootstrap.servers", broker.getBrokersAsString()), new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			TopicPartition partition = new TopicPartition(DeadLetterTestApp.DEAD_LETTER_STREAM, 0);
			plain.assign(List.of(partition));
			plain.seekToBeginning(List.of(partition));
			List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
			await().atMost(WAIT).until(() -> {
				records.addAll(plain.poll(Duration.ofMillis(200)).records(partition));
				return !records.isEmpty();
			});
			ConsumerRecord<byte[], byte[]> record = records.get(0);
			assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(DeadLetterTestApp.POISON);
			assertThat(record.headers().toArray()).extracting(Header::key)
				.containsExactly("seastreamer.error", "seastreamer.origin.stream", "seastreamer.origin.shard",
						"seastreamer.origin.sequence", "seastreamer.origin.timestamp", "seastreamer.listener");
			assertThat(header(record, "seastreamer.origin.stream")).isEqualTo(DeadLetterTestApp.STREAM);
			assertThat(header(record, "seastreamer.origin.shard")).isEqualTo(Long.toString(poison.shardId().id()));
			assertThat(header(record, "seastreamer.origin.sequence")).isEqualTo(Long.toString(poison.sequence()));
			assertThat(header(record, "seastreamer.origin.timestamp")).isEqualTo(Timestamps.format(poison.timestamp()));
			assertThat(header(record, "seastreamer.listener")).isEqualTo(DeadLetterTestApp.LISTENER);
			assertThat(header(record, "seastreamer.error")).startsWith("java.lang.IllegalArgumentException")
				.contains("always fails on poison")
				.doesNotContain(DeadLetterTestApp.SECRET);
		}
	}

	private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		assertThat(header).as("header %s", name).isNotNull();
		return new String(header.value(), StandardCharsets.UTF_8);
	}

}

package io.github.seastreamer.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.Producer;
import io.github.seastreamer.SeqPos;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;

import static io.github.seastreamer.kafka.KafkaTestSupport.payloads;
import static io.github.seastreamer.kafka.KafkaTestSupport.range;
import static io.github.seastreamer.kafka.KafkaTestSupport.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scenario of the Kafka specification (section 4), with the offset fix: committing
 * message 6 means it is done, so a restarted resumable consumer delivers 7 next.
 */
class KafkaScenarioIntegrationTests {

	@Test
	void producesConsumesRewindsResumesAndSeeksAsTheSpecScenarioSays() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("test", 1);
		try (KafkaStreamer streamer = KafkaTestBroker.connect()) {
			Producer producer = streamer.createProducer(topic);
			MessageHeader last = null;
			for (int i = 0; i < 7; i++) {
				MessageHeader receipt = producer.send(Integer.toString(i)).get(20, TimeUnit.SECONDS);
				assertThat(receipt.streamKey()).isEqualTo(topic);
				assertThat(receipt.sequence()).isEqualTo(i);
				assertThat(receipt.shardId()).isEqualTo(ShardId.ZERO);
				last = receipt;
			}
			Instant pointInTime = last.timestamp().plusMillis(1);
			await().atMost(Duration.ofSeconds(2)).until(() -> Instant.now().isAfter(pointInTime.plusMillis(1)));
			List<CompletableFuture<MessageHeader>> unawaited = new ArrayList<>();
			for (int i = 7; i < 10; i++) {
				unawaited.add(producer.send(Integer.toString(i)));
			}
			KafkaProducerHandle raw = KafkaProducerHandle.of(producer);
			for (int i = 10; i < 20; i++) {
				byte[] bytes = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
				MessageHeader receipt = raw.sendRecord(new ProducerRecord<>(topic.name(), 0, bytes, bytes))
					.get(20, TimeUnit.SECONDS);
				assertThat(receipt.sequence()).isEqualTo(i);
			}
			producer.end().get(20, TimeUnit.SECONDS);
			assertThat(unawaited).allMatch(CompletableFuture::isDone);

			ConsumerOptions realTime = ConsumerOptions.builder().streamReset(StreamReset.EARLIEST).build();
			try (Consumer consumer = streamer.createConsumer(topic, realTime)) {
				assertThat(payloads(take(consumer, 10))).isEqualTo(range(0, 10));
				consumer.assign(topic, ShardId.ZERO);
				consumer.rewind(SeqPos.BEGINNING).get(20, TimeUnit.SECONDS);
				assertThat(payloads(take(consumer, 10))).isEqualTo(range(0, 10));
				consumer.rewind(SeqPos.at(5)).get(20, TimeUnit.SECONDS);
				assertThat(payloads(take(consumer, 5))).isEqualTo(range(5, 10));
			}

			String group = "scenario-" + UUID.randomUUID();
			ConsumerOptions resumable = ConsumerOptions.builder()
				.mode(ConsumerMode.RESUMABLE)
				.group(group)
				.streamReset(StreamReset.EARLIEST)
				.build();
			try (Consumer consumer = streamer.createConsumer(topic, resumable)) {
				List<Message> messages = take(consumer, 10);
				assertThat(payloads(messages)).isEqualTo(range(0, 10));
				consumer.commit(messages.get(6).header()).get(20, TimeUnit.SECONDS);
			}
			try (Consumer consumer = streamer.createConsumer(topic, resumable)) {
				assertThat(payloads(take(consumer, 3))).containsExactly("7", "8", "9");
				consumer.seek(pointInTime).get(20, TimeUnit.SECONDS);
				assertThat(payloads(take(consumer, 3))).containsExactly("7", "8", "9");
				List<Message> rest = take(consumer, 10);
				assertThat(payloads(rest)).isEqualTo(range(10, 20));
				consumer.commit(rest.get(9).header()).get(20, TimeUnit.SECONDS);
			}
			try (Consumer consumer = streamer.createConsumer(topic, resumable)) {
				CompletableFuture<Message> next = consumer.next();
				streamer.createProducer(topic).send("20").get(20, TimeUnit.SECONDS);
				assertThat(next.get(20, TimeUnit.SECONDS).payloadAsString()).isEqualTo("20");
			}
		}
	}

}

package io.github.seastreamer.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.Message;
import io.github.seastreamer.Producer;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two load-balanced consumers share a topic; one closes mid-stream and the survivor takes
 * over every partition without losing a message.
 */
class KafkaRebalanceIntegrationTests {

	private static final int PARTITIONS = 4;

	@Test
	void whenOneLoadBalancedConsumerClosesTheSurvivorGetsEveryPartitionAndNothingIsLost() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("rebalance", PARTITIONS);
		ConsumerOptions options = ConsumerOptions.builder()
			.mode(ConsumerMode.LOAD_BALANCED)
			.group("rebalance-" + UUID.randomUUID())
			.streamReset(StreamReset.EARLIEST)
			.with(KafkaConsumerOptions.builder().sessionTimeout(Duration.ofSeconds(10)).build())
			.build();
		ExecutorService readers = Executors.newFixedThreadPool(2);
		try (KafkaStreamer streamer = KafkaTestBroker.connect()) {
			Set<String> delivered = ConcurrentHashMap.newKeySet();
			List<Message> survivorMessages = new CopyOnWriteArrayList<>();
			List<Message> leaverMessages = new CopyOnWriteArrayList<>();
			Consumer leaver = streamer.createConsumer(topic, options);
			Consumer survivor = streamer.createConsumer(topic, options);
			CompletableFuture<Void> leaverLoop = CompletableFuture
				.runAsync(() -> read(leaver, delivered, leaverMessages), readers);
			CompletableFuture<Void> survivorLoop = CompletableFuture
				.runAsync(() -> read(survivor, delivered, survivorMessages), readers);
			Producer producer = streamer.createProducer(topic);
			// keep producing until both members have received something (the group may
			// still be rebalancing when the first messages arrive)
			int[] sent = { 0 };
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
				send(producer, topic, sent[0], sent[0] + 40);
				sent[0] += 40;
				return !leaverMessages.isEmpty() && !survivorMessages.isEmpty();
			});
			int firstPhase = sent[0];
			leaver.close();
			leaverLoop.get(30, TimeUnit.SECONDS);
			send(producer, topic, firstPhase, firstPhase + 200);
			int total = firstPhase + 200;
			await().atMost(Duration.ofSeconds(60)).until(() -> delivered.size() == total);
			Set<ShardId> survivorShardsAfterLeave = ConcurrentHashMap.newKeySet();
			for (Message message : survivorMessages) {
				if (Integer.parseInt(message.payloadAsString()) >= firstPhase) {
					survivorShardsAfterLeave.add(message.shardId());
				}
			}
			assertThat(survivorShardsAfterLeave).hasSize(PARTITIONS);
			assertThat(delivered).containsAll(KafkaTestSupport.range(0, total));
			survivor.close();
			survivorLoop.get(30, TimeUnit.SECONDS);
			int redelivered = leaverMessages.size() + survivorMessages.size() - total;
			assertThat(redelivered).as("re-deliveries beyond the uncommitted window").isLessThanOrEqualTo(firstPhase);
		}
		finally {
			readers.shutdownNow();
		}
	}

	private static void send(Producer producer, StreamKey topic, int from, int to) throws Exception {
		KafkaProducerHandle raw = KafkaProducerHandle.of(producer);
		CompletableFuture<?> last = null;
		for (int i = from; i < to; i++) {
			last = raw
				.sendRecord(new ProducerRecord<>(topic.name(), i % PARTITIONS, null, Integer.toString(i).getBytes()));
		}
		producer.flush().get(20, TimeUnit.SECONDS);
		assertThat(last).isCompleted();
	}

	private static void read(Consumer consumer, Set<String> delivered, List<Message> mine) {
		while (true) {
			Message message;
			try {
				message = consumer.next().get(60, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				return;
			}
			mine.add(message);
			delivered.add(message.payloadAsString());
			consumer.commit(message.header()).exceptionally((ex) -> null);
		}
	}

}

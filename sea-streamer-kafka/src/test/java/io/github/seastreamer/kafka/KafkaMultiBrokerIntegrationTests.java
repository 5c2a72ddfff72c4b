package io.github.seastreamer.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.Producer;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.StreamerUri;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 3-broker KRaft cluster of broker processes on loopback (replication factor 3,
 * {@code min.insync.replicas} 2): producing and consuming go on while one broker is
 * stopped. Broker processes rather than spring-kafka-test's in-JVM cluster: its 3-node
 * KRaft quorum fails to start here ("Received unexpected invalid request error" in the
 * raft I/O thread).
 */
class KafkaMultiBrokerIntegrationTests {

	private static KafkaBrokerProcesses cluster;

	@BeforeAll
	static void startCluster() throws Exception {
		cluster = KafkaBrokerProcesses.start(3,
				Map.of("default.replication.factor", "3", "min.insync.replicas", "2",
						"offsets.topic.replication.factor", "3", "transaction.state.log.replication.factor", "3",
						"transaction.state.log.min.isr", "2", "num.partitions", "3"));
	}

	@AfterAll
	static void stopCluster() throws Exception {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void producingAndConsumingGoOnWhileOneOfThreeBrokersIsStopped() throws Exception {
		StreamKey topic = StreamKey.of("replicated-" + UUID.randomUUID().toString().substring(0, 8));
		ConnectOptions options = ConnectOptions.builder()
			.with(KafkaConnectOptions.builder().autoCreateTopics(3, 3).timeout(Duration.ofSeconds(10)).build())
			.build();
		try (KafkaStreamer streamer = KafkaStreamer.connect(StreamerUri.parse("kafka://" + cluster.bootstrapServers()),
				options)) {
			Producer producer = streamer.createProducer(topic);
			KafkaProducerHandle raw = KafkaProducerHandle.of(producer);
			send(raw, topic, 0, 100);
			int leaderOfPartitionZero;
			try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
				TopicDescription description = admin.describeTopics(List.of(topic.name()))
					.allTopicNames()
					.get(20, TimeUnit.SECONDS)
					.get(topic.name());
				assertThat(description.partitions()).allSatisfy((p) -> assertThat(p.replicas()).hasSize(3));
				leaderOfPartitionZero = description.partitions().get(0).leader().id();
			}
			try (Consumer consumer = streamer.createConsumer(topic,
					ConsumerOptions.builder().streamReset(StreamReset.EARLIEST).build())) {
				Set<String> received = new HashSet<>(KafkaTestSupport.payloads(KafkaTestSupport.take(consumer, 100)));
				// node ids are 1..3: stop the leader of partition 0 so that a leader
				// moves
				cluster.stop(leaderOfPartitionZero - 1);
				List<MessageHeader> receipts = send(raw, topic, 100, 200);
				assertThat(receipts).extracting(MessageHeader::shardId).hasSize(100);
				received.addAll(KafkaTestSupport.payloads(KafkaTestSupport.take(consumer, 100)));
				assertThat(received).hasSize(200).containsAll(KafkaTestSupport.range(0, 200));
			}
			producer.end().get(30, TimeUnit.SECONDS);
		}
	}

	private static List<MessageHeader> send(KafkaProducerHandle producer, StreamKey topic, int from, int to)
			throws Exception {
		List<CompletableFuture<MessageHeader>> futures = new ArrayList<>();
		for (int i = from; i < to; i++) {
			futures.add(producer
				.sendRecord(new ProducerRecord<>(topic.name(), i % 3, null, Integer.toString(i).getBytes())));
		}
		List<MessageHeader> receipts = new ArrayList<>();
		for (CompletableFuture<MessageHeader> future : futures) {
			receipts.add(future.get(60, TimeUnit.SECONDS));
		}
		return receipts;
	}

}

package io.github.seastreamer.kafka;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamerUri;

/**
 * One in-JVM KRaft broker shared by every test class of the module, started on first use
 * and stopped when the JVM exits.
 */
final class KafkaTestBroker {

	private static volatile EmbeddedKafkaKraftBroker broker;

	private KafkaTestBroker() {
	}

	static synchronized String bootstrapServers() {
		if (broker == null) {
			EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 1);
			started.brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0", "log.flush.interval.messages",
					"10000", "offsets.topic.num.partitions", "5", "transaction.state.log.replication.factor", "1",
					"transaction.state.log.min.isr", "1", "transaction.state.log.num.partitions", "3"));
			started.afterPropertiesSet();
			Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
			broker = started;
		}
		return broker.getBrokersAsString();
	}

	static String url() {
		return "kafka://" + bootstrapServers();
	}

	static KafkaStreamer connect() {
		return KafkaStreamer.connect(StreamerUri.parse(url()), ConnectOptions.defaults());
	}

	/**
	 * Send the payloads {@code "0"} to {@code count - 1} to a topic and wait for every
	 * receipt.
	 * @return the receipts, in sending order
	 */
	static List<io.github.seastreamer.MessageHeader> produce(io.github.seastreamer.Streamer streamer, StreamKey topic,
			int count) throws Exception {
		io.github.seastreamer.Producer producer = streamer
			.createGenericProducer(io.github.seastreamer.ProducerOptions.defaults());
		List<java.util.concurrent.CompletableFuture<io.github.seastreamer.MessageHeader>> receipts = new java.util.ArrayList<>();
		for (int i = 0; i < count; i++) {
			receipts.add(producer.sendTo(topic, Integer.toString(i)));
		}
		producer.end().get(20, TimeUnit.SECONDS);
		List<io.github.seastreamer.MessageHeader> headers = new java.util.ArrayList<>();
		for (java.util.concurrent.CompletableFuture<io.github.seastreamer.MessageHeader> receipt : receipts) {
			headers.add(receipt.get(20, TimeUnit.SECONDS));
		}
		return headers;
	}

	static StreamKey newTopic(String prefix, int partitions) {
		String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty())))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not create topic " + name, ex);
		}
		return StreamKey.of(name);
	}

}

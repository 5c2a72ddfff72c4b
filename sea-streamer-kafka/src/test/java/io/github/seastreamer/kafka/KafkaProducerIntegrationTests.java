package io.github.seastreamer.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.ConnectionException;
import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.Producer;
import io.github.seastreamer.ProducerEndedException;
import io.github.seastreamer.ProducerOptions;
import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamKeyException;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.StreamerUri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Producers, receipts, raw records, transactions and connecting, against a real broker.
 */
class KafkaProducerIntegrationTests {

	private static final ConsumerOptions EARLIEST = ConsumerOptions.builder().streamReset(StreamReset.EARLIEST).build();

	@Test
	void connectsThroughTheServiceLoaderAndReportsCapabilities() {
		try (Streamer streamer = SeaStreamer.connect(KafkaTestBroker.url())) {
			assertThat(streamer).isInstanceOf(KafkaStreamer.class);
			assertThat(streamer.capabilities()).contains(io.github.seastreamer.Capability.RESUMABLE,
					io.github.seastreamer.Capability.RECEIPT_SEQUENCE, io.github.seastreamer.Capability.ATTRIBUTES);
		}
	}

	@Test
	void receiptCarriesPartitionOffsetAndTheTimestampConsumersSee() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("receipt", 1);
		try (KafkaStreamer streamer = KafkaTestBroker.connect();
				Consumer consumer = streamer.createConsumer(topic, EARLIEST)) {
			Producer producer = streamer.createProducer(topic);
			MessageHeader receipt = producer.send(new byte[] { 0, (byte) 0xff, 1 }).get(20, TimeUnit.SECONDS);
			Message message = KafkaTestSupport.next(consumer);
			assertThat(message.header()).isEqualTo(receipt);
			assertThat(message.payloadBytes()).containsExactly(0, 0xff, 1);
		}
	}

	@Test
	void rawRecordsKeepKeyPartitionAndHeaders() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("raw", 3);
		try (KafkaStreamer streamer = KafkaTestBroker.connect()) {
			KafkaProducerHandle producer = KafkaProducerHandle
				.of(streamer.createGenericProducer(ProducerOptions.defaults()));
			ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic.name(), 2, bytes("k"), bytes("v"),
					List.of(new RecordHeader("h", bytes("hv"))));
			MessageHeader receipt = producer.sendRecord(record).get(20, TimeUnit.SECONDS);
			assertThat(receipt.shardId().id()).isEqualTo(2);
			try (KafkaConsumer<byte[], byte[]> plain = new KafkaConsumer<>(
					Map.of("bootstrap.servers", KafkaTestBroker.bootstrapServers()), new ByteArrayDeserializer(),
					new ByteArrayDeserializer())) {
				TopicPartition tp = new TopicPartition(topic.name(), 2);
				plain.assign(List.of(tp));
				plain.seek(tp, receipt.sequence());
				List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
				org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
					records.addAll(plain.poll(Duration.ofMillis(200)).records(tp));
					return !records.isEmpty();
				});
				ConsumerRecord<byte[], byte[]> consumed = records.get(0);
				assertThat(consumed.key()).isEqualTo(bytes("k"));
				assertThat(consumed.value()).isEqualTo(bytes("v"));
				assertThat(consumed.headers().lastHeader("h").value()).isEqualTo(bytes("hv"));
			}
			assertThat(producer.sendRecord(new ProducerRecord<>("not a topic!", bytes("x"))))
				.failsWithin(Duration.ofSeconds(5))
				.withThrowableThat()
				.withCauseInstanceOf(StreamKeyException.class);
		}
	}

	@Test
	void attributesBecomeUtf8HeadersAndComeBackAsMessageAttributes() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("attributes", 1);
		try (KafkaStreamer streamer = KafkaTestBroker.connect();
				Consumer consumer = streamer.createConsumer(topic, EARLIEST)) {
			Producer producer = streamer.createProducer(topic);
			// the first send waits for metadata on the sender thread, later ones may go
			// directly: both paths must keep the headers
			List<MessageHeader> receipts = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				receipts.add(producer
					.sendTo(topic, bytes("payload-" + i), Map.of("seastreamer.error", "boom \u00e9 " + i, "n", "" + i))
					.get(20, TimeUnit.SECONDS));
			}
			for (int i = 0; i < 3; i++) {
				Message message = KafkaTestSupport.next(consumer);
				assertThat(message.payloadAsString()).isEqualTo("payload-" + i);
				assertThat(message.header()).isEqualTo(receipts.get(i));
				assertThat(message.attributes())
					.containsExactlyInAnyOrderEntriesOf(Map.of("seastreamer.error", "boom \u00e9 " + i, "n", "" + i));
			}
			try (KafkaConsumer<byte[], byte[]> plain = new KafkaConsumer<>(
					Map.of("bootstrap.servers", KafkaTestBroker.bootstrapServers()), new ByteArrayDeserializer(),
					new ByteArrayDeserializer())) {
				TopicPartition tp = new TopicPartition(topic.name(), 0);
				plain.assign(List.of(tp));
				plain.seekToBeginning(List.of(tp));
				List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
				org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
					records.addAll(plain.poll(Duration.ofMillis(200)).records(tp));
					return records.size() >= 3;
				});
				for (int i = 0; i < 3; i++) {
					ConsumerRecord<byte[], byte[]> consumed = records.get(i);
					assertThat(consumed.value()).isEqualTo(bytes("payload-" + i));
					assertThat(consumed.headers().toArray()).hasSize(2);
					assertThat(new String(consumed.headers().lastHeader("seastreamer.error").value(),
							StandardCharsets.UTF_8))
						.isEqualTo("boom \u00e9 " + i);
					assertThat(consumed.headers().lastHeader("n").value()).isEqualTo(bytes("" + i));
				}
			}
			Map<String, String> nullValue = new java.util.HashMap<>();
			nullValue.put("a", null);
			assertThat(producer.sendTo(topic, bytes("x"), nullValue)).failsWithin(Duration.ofSeconds(5))
				.withThrowableThat()
				.withMessageContaining("values non-null");
		}
	}

	@Test
	void transactionsDeliverCommittedRecordsOnlyToReadCommittedConsumers() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("tx", 1);
		try (KafkaStreamer streamer = KafkaTestBroker.connect()) {
			String transactionalId = "tx-" + UUID.randomUUID();
			Producer producer = streamer.createProducer(topic,
					ProducerOptions.builder()
						.with(KafkaProducerOptions.builder().transactionalId(transactionalId).build())
						.build());
			KafkaProducerHandle tx = KafkaProducerHandle.of(producer);
			tx.beginTransaction().get(30, TimeUnit.SECONDS);
			producer.send("a");
			producer.send("b");
			tx.commitTransaction().get(30, TimeUnit.SECONDS);
			tx.beginTransaction().get(30, TimeUnit.SECONDS);
			producer.send("aborted");
			tx.abortTransaction().get(30, TimeUnit.SECONDS);
			tx.beginTransaction().get(30, TimeUnit.SECONDS);
			producer.send("c");
			tx.commitTransaction().get(30, TimeUnit.SECONDS);
			ConsumerOptions readCommitted = EARLIEST.toBuilder()
				.with(KafkaConsumerOptions.builder().clientProperty("isolation.level", "read_committed").build())
				.build();
			try (Consumer consumer = streamer.createConsumer(topic, readCommitted)) {
				assertThat(KafkaTestSupport.payloads(KafkaTestSupport.take(consumer, 3))).containsExactly("a", "b",
						"c");
			}
			try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin
				.create(Map.of("bootstrap.servers", KafkaTestBroker.bootstrapServers()))) {
				assertThat(admin.listTransactions().all().get(20, TimeUnit.SECONDS))
					.extracting(org.apache.kafka.clients.admin.TransactionListing::transactionalId)
					.contains(transactionalId + "0");
			}
			producer.end().get(20, TimeUnit.SECONDS);
		}
	}

	@Test
	void transactionCallsOnAPlainProducerFailWithAClearError() {
		try (KafkaStreamer streamer = KafkaTestBroker.connect()) {
			KafkaProducerHandle handle = KafkaProducerHandle
				.of(streamer.createGenericProducer(ProducerOptions.defaults()));
			assertThat(handle.beginTransaction()).failsWithin(Duration.ofSeconds(5))
				.withThrowableThat()
				.withMessageContaining("transactionalId");
		}
	}

	@Test
	void compressedMessagesRoundTrip() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("zstd", 1);
		try (KafkaStreamer streamer = KafkaTestBroker.connect();
				Consumer consumer = streamer.createConsumer(topic, EARLIEST)) {
			Producer producer = streamer.createProducer(topic, ProducerOptions.builder()
				.with(KafkaProducerOptions.builder().compressionType(KafkaProducerOptions.CompressionType.GZIP).build())
				.build());
			String text = "compress me ".repeat(100);
			producer.send(text);
			producer.flush().get(20, TimeUnit.SECONDS);
			assertThat(KafkaTestSupport.next(consumer).payloadAsString()).isEqualTo(text);
		}
	}

	@Test
	void disconnectFlushesEveryProducerAndEndsThem() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("disconnect", 1);
		KafkaStreamer streamer = KafkaTestBroker.connect();
		ProducerOptions lingering = ProducerOptions.builder()
			.with(KafkaProducerOptions.builder().clientProperty("linger.ms", "30000").build())
			.build();
		List<CompletableFuture<MessageHeader>> receipts = new ArrayList<>();
		Producer first = streamer.createProducer(topic, lingering);
		Producer second = streamer.createProducer(topic, lingering);
		for (int i = 0; i < 5; i++) {
			receipts.add(first.send("first" + i));
			receipts.add(second.send("second" + i));
		}
		streamer.disconnect().get(20, TimeUnit.SECONDS);
		assertThat(receipts).allSatisfy((r) -> assertThat(r).isCompleted());
		assertThat(first.send("late")).failsWithin(Duration.ofSeconds(5))
			.withThrowableThat()
			.withCauseInstanceOf(ProducerEndedException.class);
		assertThatThrownBy(() -> streamer.createProducer(topic)).isInstanceOf(ProducerEndedException.class);
	}

	@Test
	void sendAfterEndFailsAndEndIsIdempotent() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("end", 1);
		try (KafkaStreamer streamer = KafkaTestBroker.connect()) {
			Producer producer = streamer.createProducer(topic);
			producer.end().get(20, TimeUnit.SECONDS);
			producer.end().get(20, TimeUnit.SECONDS);
			assertThat(producer.send("x")).failsWithin(Duration.ofSeconds(5))
				.withThrowableThat()
				.withCauseInstanceOf(ProducerEndedException.class);
			assertThatThrownBy(() -> producer.anchor(StreamKey.of("other"))).isInstanceOfSatisfying(
					SeaStreamerException.class, (ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.ALREADY_ANCHORED));
		}
	}

	@Test
	void autoCreatesTopicsWithTheGivenPartitionCount() throws Exception {
		StreamKey topic = StreamKey.of("auto-" + UUID.randomUUID());
		ConnectOptions options = ConnectOptions.builder()
			.with(KafkaConnectOptions.builder().autoCreateTopics(3, 1).build())
			.build();
		try (KafkaStreamer streamer = KafkaStreamer.connect(StreamerUri.parse(KafkaTestBroker.url()), options)) {
			streamer.createProducer(topic).send("x").get(20, TimeUnit.SECONDS);
			try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin
				.create(Map.of("bootstrap.servers", KafkaTestBroker.bootstrapServers()))) {
				int partitions = admin.describeTopics(List.of(topic.name()))
					.allTopicNames()
					.get(20, TimeUnit.SECONDS)
					.get(topic.name())
					.partitions()
					.size();
				assertThat(partitions).isEqualTo(3);
			}
		}
	}

	@Test
	void connectFailsWithinTheTimeoutWhenNoBrokerAnswers() throws Exception {
		int port;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
				java.net.InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		ConnectOptions options = ConnectOptions.builder()
			.with(KafkaConnectOptions.builder().timeout(Duration.ofSeconds(1)).build())
			.build();
		long start = System.nanoTime();
		assertThatThrownBy(() -> KafkaStreamer.connect(StreamerUri.parse("kafka://127.0.0.1:" + port), options))
			.isInstanceOf(ConnectionException.class)
			.hasMessageContaining("127.0.0.1:" + port);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void credentialsInTheUriAreRejectedWithoutShowingThePassword() {
		assertThatThrownBy(() -> KafkaStreamer.connect(StreamerUri.parse("kafka://user:hunter2@127.0.0.1:9"),
				ConnectOptions.defaults()))
			.isInstanceOf(io.github.seastreamer.ConfigurationException.class)
			.hasMessageContaining("sasl")
			.hasMessageNotContaining("hunter2");
	}

	@Test
	void fromPropertiesConnectsWithPlainClientProperties() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("props", 1);
		try (KafkaStreamer streamer = KafkaStreamer.fromProperties(
				Map.of("bootstrap.servers", List.of(KafkaTestBroker.bootstrapServers())), ConnectOptions.defaults());
				Consumer consumer = streamer.createConsumer(topic, EARLIEST)) {
			assertThat(streamer.uri().protocol()).contains("kafka");
			streamer.createProducer(topic).send("p").get(20, TimeUnit.SECONDS);
			assertThat(KafkaTestSupport.next(consumer).payloadAsString()).isEqualTo("p");
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}

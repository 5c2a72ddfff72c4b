package io.github.seastreamer.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.Producer;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.SeqPos;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamEndedException;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;

import static io.github.seastreamer.kafka.KafkaTestSupport.payloads;
import static io.github.seastreamer.kafka.KafkaTestSupport.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Consumer modes, commits and repositioning against a real broker.
 */
class KafkaConsumerModesIntegrationTests {

	private static KafkaStreamer streamer;

	@BeforeAll
	static void connect() {
		streamer = KafkaTestBroker.connect();
	}

	@AfterAll
	static void disconnect() throws Exception {
		streamer.disconnect().get(30, TimeUnit.SECONDS);
	}

	private static ConsumerOptions earliest(ConsumerMode mode, String group) {
		return ConsumerOptions.builder().mode(mode).group(group).streamReset(StreamReset.EARLIEST).build();
	}

	@Test
	void twoRealTimeConsumersOfOneTopicInOneProcessEachReceiveEveryMessage() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("realtime", 3);
		ConsumerOptions options = ConsumerOptions.builder().streamReset(StreamReset.EARLIEST).build();
		try (Consumer first = streamer.createConsumer(topic, options);
				Consumer second = streamer.createConsumer(topic, options)) {
			Producer producer = streamer.createProducer(topic);
			KafkaProducerHandle raw = KafkaProducerHandle.of(producer);
			for (int i = 0; i < 60; i++) {
				raw.sendRecord(new org.apache.kafka.clients.producer.ProducerRecord<>(topic.name(), i % 3, null,
						Integer.toString(i).getBytes()));
			}
			producer.end().get(20, TimeUnit.SECONDS);
			Set<String> expected = new HashSet<>(KafkaTestSupport.range(0, 60));
			assertThat(new HashSet<>(payloads(take(first, 60)))).isEqualTo(expected);
			assertThat(new HashSet<>(payloads(take(second, 60)))).isEqualTo(expected);
		}
	}

	@Test
	void realTimeConsumerRejectsGroupAndCommit() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("realtime-rules", 1);
		assertThatThrownBy(() -> streamer.createConsumer(topic,
				ConsumerOptions.builder().mode(ConsumerMode.REAL_TIME).group("g").build()))
			.isInstanceOfSatisfying(SeaStreamerException.class,
					(ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.CONSUMER_GROUP_IS_SET));
		assertThatThrownBy(() -> streamer.createConsumer(topic, ConsumerOptions.of(ConsumerMode.LOAD_BALANCED)))
			.isInstanceOfSatisfying(SeaStreamerException.class,
					(ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.CONSUMER_GROUP_NOT_SET));
		assertThatThrownBy(() -> streamer.createConsumer(List.of(), ConsumerOptions.defaults())).isInstanceOfSatisfying(
				SeaStreamerException.class, (ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.STREAM_KEY_EMPTY));
		try (Consumer consumer = streamer.createConsumer(topic,
				ConsumerOptions.builder().streamReset(StreamReset.EARLIEST).build())) {
			KafkaTestBroker.produce(streamer, topic, 1);
			Message message = KafkaTestSupport.next(consumer);
			assertThatThrownBy(() -> consumer.commit(message.header()).get(5, TimeUnit.SECONDS))
				.hasCauseInstanceOf(SeaStreamerException.class)
				.satisfies((ex) -> assertThat(SeaStreamerException.find(ex).kind())
					.isEqualTo(ErrorKind.COMMIT_NOT_ALLOWED));
		}
	}

	@Test
	void resumableConsumerThatCommittedMessageKDeliversKPlusOneAfterRestart() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("resumable", 1);
		KafkaTestBroker.produce(streamer, topic, 20);
		ConsumerOptions options = earliest(ConsumerMode.RESUMABLE, "resume-" + UUID.randomUUID());
		try (Consumer consumer = streamer.createConsumer(topic, options)) {
			List<Message> messages = take(consumer, 12);
			consumer.commit(messages.get(11).header()).get(20, TimeUnit.SECONDS);
		}
		try (Consumer consumer = streamer.createConsumer(topic, options)) {
			Message next = KafkaTestSupport.next(consumer);
			assertThat(next.payloadAsString()).isEqualTo("12");
			assertThat(next.sequence()).isEqualTo(12);
		}
	}

	@Test
	void resumableConsumerCommitsAfterRewindStillCount() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("resumable-rewind", 1);
		KafkaTestBroker.produce(streamer, topic, 10);
		ConsumerOptions options = earliest(ConsumerMode.RESUMABLE, "resume-rewind-" + UUID.randomUUID());
		try (Consumer consumer = streamer.createConsumer(topic, options)) {
			List<Message> messages = take(consumer, 8);
			consumer.commit(messages.get(7).header()).get(20, TimeUnit.SECONDS);
			consumer.rewind(SeqPos.at(2)).get(20, TimeUnit.SECONDS);
			Message again = KafkaTestSupport.next(consumer);
			assertThat(again.payloadAsString()).isEqualTo("2");
			consumer.commit(again.header()).get(20, TimeUnit.SECONDS);
		}
		try (Consumer consumer = streamer.createConsumer(topic, options)) {
			assertThat(KafkaTestSupport.next(consumer).payloadAsString()).isEqualTo("3");
		}
	}

	@Test
	void resumableConsumerCommitsOnCloseWhatWasMarkedDone() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("resumable-close", 1);
		KafkaTestBroker.produce(streamer, topic, 5);
		ConsumerOptions options = earliest(ConsumerMode.RESUMABLE, "resume-close-" + UUID.randomUUID());
		CompletableFuture<Void> commit;
		try (Consumer consumer = streamer.createConsumer(topic,
				options.toBuilder()
					.with(KafkaConsumerOptions.builder().commitInterval(Duration.ofMinutes(5)).build())
					.build())) {
			List<Message> messages = take(consumer, 3);
			commit = consumer.commit(messages.get(2).header());
		}
		commit.get(20, TimeUnit.SECONDS);
		try (Consumer consumer = streamer.createConsumer(topic, options)) {
			assertThat(KafkaTestSupport.next(consumer).payloadAsString()).isEqualTo("3");
		}
	}

	@Test
	void rewindToEndDeliversOnlyLaterMessagesAndUnassignStopsAPartition() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("rewind-end", 2);
		Producer producer = streamer.createProducer(topic);
		KafkaProducerHandle raw = KafkaProducerHandle.of(producer);
		for (int i = 0; i < 4; i++) {
			raw.sendRecord(new org.apache.kafka.clients.producer.ProducerRecord<>(topic.name(), i % 2, null,
					("old" + i).getBytes()))
				.get(20, TimeUnit.SECONDS);
		}
		try (Consumer consumer = streamer.createConsumer(topic,
				ConsumerOptions.builder().streamReset(StreamReset.EARLIEST).build())) {
			take(consumer, 4);
			consumer.unassign(topic, ShardId.of(1));
			assertThatThrownBy(() -> consumer.unassign(topic, ShardId.of(1))).isInstanceOfSatisfying(
					SeaStreamerException.class,
					(ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.STREAM_KEY_NOT_FOUND));
			assertThatThrownBy(() -> consumer.unassign(topic, ShardId.ZERO)).isInstanceOfSatisfying(
					SeaStreamerException.class, (ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.STREAM_KEY_EMPTY));
			assertThatThrownBy(() -> consumer.assign(StreamKey.of("other"), ShardId.ZERO)).isInstanceOfSatisfying(
					SeaStreamerException.class,
					(ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.STREAM_KEY_NOT_FOUND));
			consumer.rewind(SeqPos.END).get(20, TimeUnit.SECONDS);
			raw.sendRecord(
					new org.apache.kafka.clients.producer.ProducerRecord<>(topic.name(), 1, null, "p1".getBytes()))
				.get(20, TimeUnit.SECONDS);
			raw.sendRecord(
					new org.apache.kafka.clients.producer.ProducerRecord<>(topic.name(), 0, null, "p0".getBytes()))
				.get(20, TimeUnit.SECONDS);
			Message next = KafkaTestSupport.next(consumer);
			assertThat(next.payloadAsString()).isEqualTo("p0");
			assertThat(next.shardId()).isEqualTo(ShardId.ZERO);
		}
	}

	@Test
	void closedConsumerFailsPendingAndLaterNextCalls() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("closed", 1);
		Consumer consumer = streamer.createConsumer(topic, ConsumerOptions.defaults());
		CompletableFuture<Message> pending = consumer.next();
		consumer.close();
		assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(StreamEndedException.class);
		assertThatThrownBy(() -> consumer.next().get(10, TimeUnit.SECONDS))
			.hasCauseInstanceOf(StreamEndedException.class);
	}

	@Test
	void slowReaderPausesPartitionsWithoutLosingMessages() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("backpressure", 2);
		KafkaTestBroker.produce(streamer, topic, 2000);
		ConsumerOptions options = ConsumerOptions.builder()
			.streamReset(StreamReset.EARLIEST)
			.with(KafkaConsumerOptions.builder().bufferSize(16).build())
			.build();
		try (Consumer consumer = streamer.createConsumer(topic, options)) {
			List<Message> messages = take(consumer, 2000);
			assertThat(new HashSet<>(payloads(messages))).hasSize(2000);
			for (ShardId shard : List.of(ShardId.ZERO, ShardId.of(1))) {
				List<Long> offsets = messages.stream()
					.filter((m) -> m.shardId().equals(shard))
					.map(Message::sequence)
					.toList();
				assertThat(offsets).isSorted();
			}
		}
	}

	@Test
	void unassigningAPartitionLosesNoBufferedMessageOfTheOthers() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("unassign-buffered", 2);
		Producer producer = streamer.createProducer(topic);
		KafkaProducerHandle raw = KafkaProducerHandle.of(producer);
		for (int i = 0; i < 100; i++) {
			raw.sendRecord(new org.apache.kafka.clients.producer.ProducerRecord<>(topic.name(), i % 2, null,
					Integer.toString(i).getBytes()));
		}
		producer.end().get(20, TimeUnit.SECONDS);
		ConsumerOptions options = ConsumerOptions.builder()
			.streamReset(StreamReset.EARLIEST)
			.with(KafkaConsumerOptions.builder().bufferSize(8).build())
			.build();
		try (Consumer consumer = streamer.createConsumer(topic, options)) {
			List<Message> received = new ArrayList<>(take(consumer, 3));
			consumer.unassign(topic, ShardId.of(1));
			// what partition 0 still owes arrives whole, whatever was buffered when
			// unassigning
			Set<Long> partitionZero = new HashSet<>();
			received.stream()
				.filter((m) -> m.shardId().equals(ShardId.ZERO))
				.forEach((m) -> partitionZero.add(m.sequence()));
			while (partitionZero.size() < 50) {
				Message message = KafkaTestSupport.next(consumer);
				if (message.shardId().equals(ShardId.ZERO)) {
					partitionZero.add(message.sequence());
				}
			}
			assertThat(partitionZero).hasSize(50).allMatch((offset) -> offset >= 0 && offset < 50);
		}
	}

	@Test
	void realTimeConsumerPicksUpPartitionsAddedLaterAndReadsThemWhole() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("grow", 1);
		ConsumerOptions options = ConsumerOptions.builder()
			.with(KafkaConsumerOptions.builder().partitionDiscoveryInterval(Duration.ofMillis(300)).build())
			.build();
		try (Consumer consumer = streamer.createConsumer(topic, options)) {
			try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin
				.create(java.util.Map.of("bootstrap.servers", KafkaTestBroker.bootstrapServers()))) {
				admin
					.createPartitions(
							java.util.Map.of(topic.name(), org.apache.kafka.clients.admin.NewPartitions.increaseTo(2)))
					.all()
					.get(20, TimeUnit.SECONDS);
			}
			KafkaProducerHandle.of(streamer.createProducer(topic))
				.sendRecord(new org.apache.kafka.clients.producer.ProducerRecord<>(topic.name(), 1, null,
						"in-new-partition".getBytes()))
				.get(20, TimeUnit.SECONDS);
			Message message = KafkaTestSupport.next(consumer);
			assertThat(message.payloadAsString()).isEqualTo("in-new-partition");
			assertThat(message.shardId()).isEqualTo(ShardId.of(1));
		}
	}

	/** 30 records "0".."29" with timestamps base + 10 ms * i; then "30" as a sentinel. */
	private static long produceTimed(StreamKey topic) throws Exception {
		long base = System.currentTimeMillis() - 3_600_000;
		Producer producer = streamer.createProducer(topic);
		KafkaProducerHandle raw = KafkaProducerHandle.of(producer);
		List<CompletableFuture<MessageHeader>> receipts = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			receipts.add(raw.sendRecord(new org.apache.kafka.clients.producer.ProducerRecord<>(topic.name(), 0,
					base + 10L * i, null, Integer.toString(i).getBytes())));
		}
		for (CompletableFuture<MessageHeader> receipt : receipts) {
			receipt.get(20, TimeUnit.SECONDS);
		}
		producer.end().get(20, TimeUnit.SECONDS);
		return base;
	}

	@Test
	void pollTakesBufferedMessagesWithoutWaitingInOrderAndNullWhenNoneIsBuffered() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("poll", 1);
		KafkaTestBroker.produce(streamer, topic, 50);
		try (Consumer consumer = streamer.createConsumer(topic,
				ConsumerOptions.builder().streamReset(StreamReset.EARLIEST).build())) {
			List<Message> messages = new ArrayList<>();
			messages.add(KafkaTestSupport.next(consumer));
			Message[] polled = new Message[1];
			org.awaitility.Awaitility.await()
				.atMost(Duration.ofSeconds(20))
				.until(() -> (polled[0] = consumer.poll()) != null);
			messages.add(polled[0]);
			int fromPoll = 1;
			while (messages.size() < 50) {
				Message message = consumer.poll();
				if (message != null) {
					fromPoll++;
				}
				messages.add((message != null) ? message : KafkaTestSupport.next(consumer));
			}
			assertThat(payloads(messages)).isEqualTo(KafkaTestSupport.range(0, 50));
			assertThat(KafkaTestSupport.sequences(messages)).isSorted().doesNotHaveDuplicates();
			assertThat(fromPoll).isPositive();
			assertThat(consumer.poll()).isNull();
		}
	}

	@Test
	void pollAfterARewindReturnsNothingOfTheOldPosition() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("poll-rewind", 1);
		KafkaTestBroker.produce(streamer, topic, 40);
		try (Consumer consumer = streamer.createConsumer(topic,
				ConsumerOptions.builder().streamReset(StreamReset.EARLIEST).build())) {
			assertThat(KafkaTestSupport.next(consumer).payloadAsString()).isEqualTo("0");
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> consumer.poll() != null);
			consumer.rewind(SeqPos.at(30)).get(20, TimeUnit.SECONDS);
			Message first = consumer.poll();
			if (first == null) {
				first = KafkaTestSupport.next(consumer);
			}
			assertThat(first.payloadAsString()).isEqualTo("30");
			List<Message> rest = new ArrayList<>();
			while (rest.size() < 9) {
				Message message = consumer.poll();
				rest.add((message != null) ? message : KafkaTestSupport.next(consumer));
			}
			assertThat(payloads(rest)).isEqualTo(KafkaTestSupport.range(31, 40));
		}
	}

	@Test
	void seekBackWhileLaterMessagesAreBufferedDeliversFromTheTargetOnceInOrder() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("seek-back", 1);
		long base = produceTimed(topic);
		try (Consumer consumer = streamer.createConsumer(topic,
				ConsumerOptions.builder().streamReset(StreamReset.EARLIEST).build())) {
			assertThat(payloads(take(consumer, 5))).containsExactly("0", "1", "2", "3", "4");
			consumer.seek(java.time.Instant.ofEpochMilli(base)).get(20, TimeUnit.SECONDS);
			assertThat(payloads(take(consumer, 30))).isEqualTo(KafkaTestSupport.range(0, 30));
		}
	}

	@Test
	void seekToTheNextUndeliveredMessageKeepsWhatIsBufferedWithoutRepeatingOrSkipping() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("seek-here", 1);
		long base = produceTimed(topic);
		try (Consumer consumer = streamer.createConsumer(topic,
				ConsumerOptions.builder().streamReset(StreamReset.EARLIEST).build())) {
			assertThat(payloads(take(consumer, 5))).containsExactly("0", "1", "2", "3", "4");
			consumer.seek(java.time.Instant.ofEpochMilli(base + 50)).get(20, TimeUnit.SECONDS);
			KafkaTestBroker.produce(streamer, topic, 1);
			List<String> rest = payloads(take(consumer, 26));
			assertThat(rest.subList(0, 25)).isEqualTo(KafkaTestSupport.range(5, 30));
			assertThat(rest.get(25)).isEqualTo("0");
		}
	}

	@Test
	void seekOfAFreshConsumerToTheFirstMessageDeliversEveryMessageOnce() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("seek-start", 1);
		long base = produceTimed(topic);
		try (Consumer consumer = streamer.createConsumer(topic,
				ConsumerOptions.builder().streamReset(StreamReset.EARLIEST).build())) {
			consumer.seek(java.time.Instant.ofEpochMilli(base - 1)).get(20, TimeUnit.SECONDS);
			KafkaTestBroker.produce(streamer, topic, 1);
			List<String> all = payloads(take(consumer, 31));
			assertThat(all.subList(0, 30)).isEqualTo(KafkaTestSupport.range(0, 30));
			assertThat(all.get(30)).isEqualTo("0");
		}
	}

	@Test
	void seekOfAFreshConsumerRepositionsEveryPartitionOfItsTopics() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("seek-fresh-partitions", 3);
		long base = System.currentTimeMillis() - 3_600_000;
		KafkaProducerHandle raw = KafkaProducerHandle.of(streamer.createProducer(topic));
		List<CompletableFuture<MessageHeader>> receipts = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			receipts.add(raw.sendRecord(new org.apache.kafka.clients.producer.ProducerRecord<>(topic.name(), i % 3,
					base + 10L * i, null, Integer.toString(i).getBytes())));
		}
		for (CompletableFuture<MessageHeader> receipt : receipts) {
			receipt.get(20, TimeUnit.SECONDS);
		}
		try (Consumer consumer = streamer.createConsumer(topic,
				ConsumerOptions.builder().streamReset(StreamReset.EARLIEST).build())) {
			// asked right away, while the poll thread is still starting
			consumer.seek(java.time.Instant.ofEpochMilli(base + 195)).get(20, TimeUnit.SECONDS);
			List<String> received = payloads(take(consumer, 10));
			assertThat(received).containsExactlyInAnyOrderElementsOf(KafkaTestSupport.range(20, 30));
			assertThat(consumer.poll()).isNull();
		}
	}

	@Test
	void seekForwardSkipsToTheFirstMessageAtOrAfterTheTime() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("seek-forward", 1);
		long base = produceTimed(topic);
		try (Consumer consumer = streamer.createConsumer(topic,
				ConsumerOptions.builder().streamReset(StreamReset.EARLIEST).build())) {
			assertThat(payloads(take(consumer, 2))).containsExactly("0", "1");
			consumer.seek(java.time.Instant.ofEpochMilli(base + 195)).get(20, TimeUnit.SECONDS);
			assertThat(payloads(take(consumer, 10))).isEqualTo(KafkaTestSupport.range(20, 30));
		}
	}

}

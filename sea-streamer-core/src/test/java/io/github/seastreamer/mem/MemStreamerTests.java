package io.github.seastreamer.mem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.seastreamer.Capability;
import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.Producer;
import io.github.seastreamer.ProducerOptions;
import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.SeqPos;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamEndedException;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.Streamer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Semantics of {@code mem://} beyond the generic contract: shared brokers, exact
 * sequences, groups, resuming across reconnects, retention, shards, exact seek and rewind
 * boundaries.
 */
class MemStreamerTests {

	private static final long WAIT_SECONDS = 10;

	private final String name = "mem-tests-" + System.nanoTime();

	private final List<Streamer> streamers = new ArrayList<>();

	private final StreamKey key = StreamKey.of("orders");

	@AfterEach
	void disconnect() {
		this.streamers.forEach(Streamer::close);
		MemStreamerProvider.dropBroker(this.name);
	}

	private Streamer connect() {
		return connect(ConnectOptions.defaults());
	}

	private Streamer connect(ConnectOptions options) {
		Streamer streamer = SeaStreamer.connect("mem://" + this.name, options);
		this.streamers.add(streamer);
		return streamer;
	}

	private static <T> T get(CompletableFuture<T> future) throws Exception {
		return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
	}

	private static List<Message> receive(Consumer consumer, int count) throws Exception {
		List<Message> messages = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			messages.add(get(consumer.next()));
		}
		return messages;
	}

	private static List<String> payloads(List<Message> messages) {
		return messages.stream().map(Message::payloadAsString).toList();
	}

	private static List<MessageHeader> send(Producer producer, String prefix, int count) throws Exception {
		List<MessageHeader> receipts = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			receipts.add(get(producer.send(prefix + i)));
		}
		return receipts;
	}

	private static List<String> texts(String prefix, int from, int to) {
		List<String> texts = new ArrayList<>();
		for (int i = from; i < to; i++) {
			texts.add(prefix + i);
		}
		return texts;
	}

	private static ConsumerOptions earliest(ConsumerMode mode) {
		return ConsumerOptions.builder().mode(mode).streamReset(StreamReset.EARLIEST).build();
	}

	private static SeaStreamerException failure(CompletableFuture<?> future) {
		Throwable[] error = new Throwable[1];
		await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(future::isDone);
		future.whenComplete((value, ex) -> error[0] = ex);
		SeaStreamerException found = SeaStreamerException.find(error[0]);
		assertThat(found).as("failure of %s", future).isNotNull();
		return found;
	}

	@Test
	void streamersOfTheSameNameShareTheBrokerAndOtherNamesDoNot() throws Exception {
		Producer producer = connect().createProducer(this.key);
		send(producer, "shared-", 3);
		Consumer sameName = connect().createConsumer(this.key, earliest(ConsumerMode.REAL_TIME));
		assertThat(payloads(receive(sameName, 3))).containsExactly("shared-0", "shared-1", "shared-2");
		Streamer other = SeaStreamer.connect("mem://" + this.name + "-other");
		this.streamers.add(other);
		Consumer otherName = other.createConsumer(this.key, earliest(ConsumerMode.REAL_TIME));
		CompletableFuture<Message> nothing = otherName.next();
		send(producer, "more-", 1);
		assertThat(get(sameName.next()).payloadAsString()).isEqualTo("more-0");
		assertThat(nothing).isNotDone();
		MemStreamerProvider.dropBroker(this.name + "-other");
	}

	@Test
	void sendWithAttributesDeliversThemWithThePayload() throws Exception {
		Streamer streamer = connect();
		Producer producer = streamer.createProducer(this.key);
		MessageHeader receipt = get(producer.sendTo(this.key, "payload".getBytes(StandardCharsets.UTF_8),
				Map.of("seastreamer.error", "boom")));
		Message message = get(streamer.createConsumer(this.key, earliest(ConsumerMode.REAL_TIME)).next());
		assertThat(message.payloadAsString()).isEqualTo("payload");
		assertThat(message.header().sequence()).isEqualTo(receipt.sequence());
		assertThat(message.attributes()).containsExactly(Map.entry("seastreamer.error", "boom"));
		get(producer.send("plain"));
		List<Message> both = receive(streamer.createConsumer(this.key, earliest(ConsumerMode.REAL_TIME)), 2);
		assertThat(both.get(1).attributes()).isEmpty();
	}

	@Test
	void sendWithAnEmptyAttributeNameFailsAndAppendsNothing() throws Exception {
		Streamer streamer = connect();
		Producer producer = streamer.createProducer(this.key);
		assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
			.isThrownBy(() -> get(producer.sendTo(this.key, new byte[] { 1 }, Map.of("", "x"))))
			.withMessageContaining("attribute names must be non-empty");
		assertThat(get(producer.send("after")).sequence()).isEqualTo(1);
	}

	@Test
	void capabilitiesAreAllOfThem() {
		assertThat(connect().capabilities()).containsExactlyInAnyOrder(Capability.values());
	}

	@Test
	void sequencesStartAtOneAndAreContiguousAndTimestampsNeverGoBack() throws Exception {
		Streamer streamer = connect();
		Instant before = Instant.now();
		List<MessageHeader> receipts = send(streamer.createProducer(this.key), "seq-", 50);
		for (int i = 0; i < receipts.size(); i++) {
			assertThat(receipts.get(i).sequence()).isEqualTo(i + 1);
			assertThat(receipts.get(i).shardId()).isEqualTo(ShardId.ZERO);
			assertThat(receipts.get(i).timestamp()).isAfterOrEqualTo(before).isBeforeOrEqualTo(Instant.now());
			if (i > 0) {
				assertThat(receipts.get(i).timestamp()).isAfterOrEqualTo(receipts.get(i - 1).timestamp());
			}
		}
		List<Message> received = receive(streamer.createConsumer(this.key, earliest(ConsumerMode.REAL_TIME)), 50);
		assertThat(received).extracting(Message::header).containsExactlyElementsOf(receipts);
	}

	@Test
	void latestConsumerSkipsEarlierMessagesAndEarliestReadsThem() throws Exception {
		Streamer streamer = connect();
		Producer producer = streamer.createProducer(this.key);
		send(producer, "old-", 3);
		Consumer latest = streamer.createConsumer(this.key, ConsumerOptions.defaults());
		Consumer earliest = streamer.createConsumer(this.key, earliest(ConsumerMode.REAL_TIME));
		send(producer, "new-", 1);
		assertThat(get(latest.next()).payloadAsString()).isEqualTo("new-0");
		assertThat(payloads(receive(earliest, 4))).containsExactly("old-0", "old-1", "old-2", "new-0");
	}

	@Test
	void resumableConsumerResumesAcrossStreamerReconnectsWithTheDefaultGroup() throws Exception {
		Streamer first = connect();
		send(first.createProducer(this.key), "r-", 10);
		Consumer consumer = first.createConsumer(this.key, earliest(ConsumerMode.RESUMABLE));
		List<Message> read = receive(consumer, 4);
		get(consumer.commit(read.get(3).header()));
		get(first.disconnect());

		Streamer second = connect();
		Consumer resumed = second.createConsumer(this.key, earliest(ConsumerMode.RESUMABLE));
		assertThat(payloads(receive(resumed, 6))).containsExactlyElementsOf(texts("r-", 4, 10));
		get(resumed.commit(read.get(1).header()));
		resumed.close();
		Consumer again = second.createConsumer(this.key, earliest(ConsumerMode.RESUMABLE));
		assertThat(get(again.next()).payloadAsString()).as("a commit of an earlier message does not move back")
			.isEqualTo("r-4");
	}

	@Test
	void resumableGroupsKeepSeparatePositions() throws Exception {
		Streamer streamer = connect();
		send(streamer.createProducer(this.key), "g-", 5);
		ConsumerOptions billing = earliest(ConsumerMode.RESUMABLE).toBuilder().group("billing").build();
		Consumer consumer = streamer.createConsumer(this.key, billing);
		List<Message> read = receive(consumer, 3);
		get(consumer.commit(read.get(2).header()));
		consumer.close();
		Consumer audit = streamer.createConsumer(this.key,
				earliest(ConsumerMode.RESUMABLE).toBuilder().group("audit").build());
		assertThat(get(audit.next()).payloadAsString()).isEqualTo("g-0");
		Consumer billingAgain = streamer.createConsumer(this.key, billing);
		assertThat(get(billingAgain.next()).payloadAsString()).isEqualTo("g-3");
	}

	@Test
	void groupIsRequiredForLoadBalancedAndForbiddenForRealTime() {
		Streamer streamer = connect();
		assertThatExceptionOfType(SeaStreamerException.class)
			.isThrownBy(() -> streamer.createConsumer(this.key, ConsumerOptions.of(ConsumerMode.LOAD_BALANCED)))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.CONSUMER_GROUP_NOT_SET));
		assertThatExceptionOfType(SeaStreamerException.class)
			.isThrownBy(() -> streamer.createConsumer(this.key, ConsumerOptions.builder().group("g").build()))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.CONSUMER_GROUP_IS_SET))
			.withMessageContaining("`g`");
	}

	@Test
	void busyLoadBalancedMemberGetsNoMoreThanItCanBufferAndTheOtherGetsTheRest() throws Exception {
		Streamer streamer = connect();
		ConsumerOptions.Builder options = earliest(ConsumerMode.LOAD_BALANCED).toBuilder().group("workers");
		MemConsumer busy = (MemConsumer) streamer.createConsumer(this.key,
				options.with(new MemConsumerOptions(16)).build());
		MemConsumer idle = (MemConsumer) streamer.createConsumer(this.key,
				options.with(new MemConsumerOptions(1024)).build());
		send(streamer.createProducer(this.key), "lb-", 500);
		await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> busy.pendingCount() + idle.pendingCount() == 500);
		assertThat(busy.pendingCount()).isLessThanOrEqualTo(16);
		Set<String> received = new HashSet<>();
		for (Message message : receive(idle, (int) idle.pendingCount())) {
			assertThat(received.add(message.payloadAsString())).isTrue();
		}
		for (Message message : receive(busy, (int) busy.pendingCount())) {
			assertThat(received.add(message.payloadAsString())).isTrue();
		}
		assertThat(received).containsExactlyInAnyOrderElementsOf(texts("lb-", 0, 500));
	}

	@Test
	void uncommittedMessagesOfAClosedMemberAreRedeliveredToTheOthersAndCommittedOnesAreNot() throws Exception {
		Streamer streamer = connect();
		ConsumerOptions options = earliest(ConsumerMode.LOAD_BALANCED).toBuilder()
			.group("handover")
			.with(new MemConsumerOptions(10))
			.build();
		Consumer leaving = streamer.createConsumer(this.key, options);
		send(streamer.createProducer(this.key), "h-", 10);
		List<Message> taken = receive(leaving, 10);
		get(leaving.commit(taken.get(3).header()));
		Consumer staying = streamer.createConsumer(this.key, options);
		CompletableFuture<Message> waiting = staying.next();
		assertThat(waiting).as("everything was claimed by the first member").isNotDone();
		leaving.close();
		List<Message> redelivered = new ArrayList<>();
		redelivered.add(get(waiting));
		redelivered.addAll(receive(staying, 5));
		assertThat(payloads(redelivered)).containsExactlyElementsOf(texts("h-", 4, 10));
		send(streamer.createProducer(this.key), "later-", 1);
		assertThat(get(staying.next()).payloadAsString()).isEqualTo("later-0");
	}

	/** Poll until {@code count} messages were taken (poll never waits: retried). */
	private static List<Message> poll(Consumer consumer, int count) {
		List<Message> messages = new ArrayList<>();
		await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> {
			Message message;
			while (messages.size() < count && (message = consumer.poll()) != null) {
				messages.add(message);
			}
			return messages.size() >= count;
		});
		return messages;
	}

	@Test
	void pollTakesWhatTheLogsHoldInOrderAndReturnsNullOnceCaughtUp() throws Exception {
		Streamer streamer = connect();
		Consumer consumer = streamer.createConsumer(this.key, earliest(ConsumerMode.REAL_TIME));
		send(streamer.createProducer(this.key), "p-", 300);
		assertThat(payloads(poll(consumer, 300))).containsExactlyElementsOf(texts("p-", 0, 300));
		assertThat(consumer.poll()).as("caught up").isNull();
		CompletableFuture<Message> waiting = consumer.next();
		send(streamer.createProducer(this.key), "later-", 1);
		assertThat(get(waiting).payloadAsString()).isEqualTo("later-0");
		consumer.close();
		assertThat(consumer.poll()).as("closed").isNull();
		assertThat(failure(consumer.next())).isInstanceOf(StreamEndedException.class);
	}

	@Test
	void messagesTakenByPollArePendingForTheLoadBalancedMemberLikeThoseTakenByNext() throws Exception {
		Streamer streamer = connect();
		ConsumerOptions options = earliest(ConsumerMode.LOAD_BALANCED).toBuilder()
			.group("polling")
			.with(new MemConsumerOptions(10))
			.build();
		Consumer leaving = streamer.createConsumer(this.key, options);
		send(streamer.createProducer(this.key), "h-", 10);
		List<Message> taken = poll(leaving, 10);
		assertThat(payloads(taken)).containsExactlyElementsOf(texts("h-", 0, 10));
		get(leaving.commit(taken.get(3).header()));
		Consumer staying = streamer.createConsumer(this.key, options);
		assertThat(staying.poll()).as("everything was claimed by the first member").isNull();
		CompletableFuture<Message> waiting = staying.next();
		assertThat(waiting).isNotDone();
		leaving.close();
		List<Message> redelivered = new ArrayList<>();
		redelivered.add(get(waiting));
		redelivered.addAll(poll(staying, 5));
		assertThat(payloads(redelivered)).as("only the uncommitted polled messages are delivered again")
			.containsExactlyElementsOf(texts("h-", 4, 10));
		assertThat(staying.poll()).isNull();
	}

	@Test
	void membersThatCommitAsTheyGoLoseNothingWhenOneLeavesMidStreamAndOnlyItsUncommittedMessagesAreSeenTwice()
			throws Exception {
		Streamer streamer = connect();
		ConsumerOptions options = earliest(ConsumerMode.LOAD_BALANCED).toBuilder()
			.group("stress")
			.with(new MemConsumerOptions(32))
			.build();
		Consumer leaving = streamer.createConsumer(this.key, options);
		Consumer first = streamer.createConsumer(this.key, options);
		Consumer second = streamer.createConsumer(this.key, options);
		Producer producer = streamer.createProducer(this.key);
		int total = 3000;
		CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
			for (int i = 0; i < total; i++) {
				producer.send("x-" + i);
			}
		});
		List<Message> fromLeaving = receive(leaving, 100);
		get(leaving.commit(fromLeaving.get(49).header()));
		leaving.close();
		get(sending);
		Set<String> committedByLeaving = new HashSet<>(payloads(fromLeaving.subList(0, 50)));
		List<String> fromOthers = new java.util.concurrent.CopyOnWriteArrayList<>();
		List<CompletableFuture<Void>> readers = new ArrayList<>();
		for (Consumer member : List.of(first, second)) {
			readers.add(CompletableFuture.runAsync(() -> {
				while (true) {
					Message message;
					try {
						message = member.next().get(WAIT_SECONDS, TimeUnit.SECONDS);
					}
					catch (Exception ex) {
						return;
					}
					fromOthers.add(message.payloadAsString());
					member.commit(message.header());
				}
			}));
		}
		await().atMost(Duration.ofSeconds(WAIT_SECONDS))
			.until(() -> new HashSet<>(fromOthers).size() + committedByLeaving.size() >= total);
		first.close();
		second.close();
		for (CompletableFuture<Void> reader : readers) {
			get(reader);
		}
		Set<String> all = new HashSet<>(fromOthers);
		all.addAll(committedByLeaving);
		assertThat(all).containsExactlyInAnyOrderElementsOf(texts("x-", 0, total));
		assertThat(fromOthers).as("no message is delivered twice to the remaining members").doesNotHaveDuplicates();
		assertThat(fromOthers).as("what the leaving member committed is not redelivered")
			.doesNotContainAnyElementsOf(committedByLeaving);
		assertThat(fromOthers).as("what it took without committing is redelivered")
			.containsAll(payloads(fromLeaving.subList(50, 100)));
	}

	@Test
	void loadBalancedGroupContinuesWhereItStoppedAfterEveryMemberLeft() throws Exception {
		Streamer streamer = connect();
		ConsumerOptions options = earliest(ConsumerMode.LOAD_BALANCED).toBuilder()
			.group("continue")
			.with(new MemConsumerOptions(4))
			.build();
		Consumer member = streamer.createConsumer(this.key, options);
		send(streamer.createProducer(this.key), "c-", 8);
		List<Message> read = receive(member, 4);
		get(member.commit(read.get(3).header()));
		await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> ((MemConsumer) member).pendingCount() == 4);
		get(streamer.disconnect());
		Consumer next = connect().createConsumer(this.key, options);
		assertThat(payloads(receive(next, 4))).containsExactlyElementsOf(texts("c-", 4, 8));
	}

	@Test
	void rewindOfALoadBalancedMemberMovesTheGroupCursorForEveryMember() throws Exception {
		Streamer streamer = connect();
		ConsumerOptions options = earliest(ConsumerMode.LOAD_BALANCED).toBuilder().group("rewinding").build();
		Consumer member = streamer.createConsumer(this.key, options);
		send(streamer.createProducer(this.key), "w-", 6);
		List<Message> read = receive(member, 6);
		get(member.commit(read.get(5).header()));
		get(member.rewind(SeqPos.at(3)));
		assertThat(payloads(receive(member, 4))).containsExactly("w-2", "w-3", "w-4", "w-5");
		get(member.rewind(SeqPos.END));
		Consumer other = streamer.createConsumer(this.key, options);
		CompletableFuture<Message> fromOther = other.next();
		CompletableFuture<Message> fromMember = member.next();
		send(streamer.createProducer(this.key), "after-", 1);
		Message after = CompletableFuture.anyOf(fromOther, fromMember)
			.thenApply(Message.class::cast)
			.get(WAIT_SECONDS, TimeUnit.SECONDS);
		assertThat(after.payloadAsString()).isEqualTo("after-0");
	}

	@Test
	void resumableConsumerCanSeekBackWithoutMovingItsCommitsBack() throws Exception {
		Streamer streamer = connect();
		List<MessageHeader> receipts = send(streamer.createProducer(this.key), "b-", 5);
		Consumer consumer = streamer.createConsumer(this.key, earliest(ConsumerMode.RESUMABLE));
		List<Message> read = receive(consumer, 5);
		get(consumer.commit(read.get(4).header()));
		get(consumer.seek(receipts.get(0).timestamp()));
		Message again = get(consumer.next());
		assertThat(again.payloadAsString()).isEqualTo("b-0");
		get(consumer.commit(again.header()));
		consumer.close();
		CompletableFuture<Message> resumed = streamer.createConsumer(this.key, earliest(ConsumerMode.RESUMABLE)).next();
		send(streamer.createProducer(this.key), "c-", 1);
		assertThat(get(resumed).payloadAsString()).isEqualTo("c-0");
	}

	@Test
	void retentionDropsTheOldestMessagesOfEachShard() throws Exception {
		Streamer streamer = connect(ConnectOptions.builder().with(new MemConnectOptions(10)).build());
		Consumer slow = streamer.createConsumer(this.key,
				earliest(ConsumerMode.REAL_TIME).toBuilder().with(new MemConsumerOptions(1)).build());
		List<MessageHeader> receipts = send(streamer.createProducer(this.key), "kept-", 5000);
		assertThat(receipts.get(4999).sequence()).isEqualTo(5000);
		Consumer consumer = streamer.createConsumer(this.key, earliest(ConsumerMode.REAL_TIME));
		assertThat(payloads(receive(consumer, 10))).containsExactlyElementsOf(texts("kept-", 4990, 5000));
		List<Message> fromSlow = new ArrayList<>();
		do {
			fromSlow.add(get(slow.next()));
		}
		while (fromSlow.get(fromSlow.size() - 1).sequence() < 5000);
		assertThat(fromSlow).as("a consumer behind the retention skips what was dropped")
			.hasSizeLessThanOrEqualTo(12)
			.extracting(Message::sequence)
			.isSorted()
			.doesNotHaveDuplicates()
			.endsWith(4991L, 4992L, 4993L, 4994L, 4995L, 4996L, 4997L, 4998L, 4999L, 5000L);
	}

	@Test
	void connectingWithAnotherRetentionToAnExistingBrokerFails() {
		connect(ConnectOptions.builder().with(new MemConnectOptions(10)).build());
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> connect(ConnectOptions.builder().with(new MemConnectOptions(20)).build()))
			.withMessageContaining("maxMessagesPerStream=10");
		assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> new MemConnectOptions(0));
		assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> new MemProducerOptions(0));
		assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> new MemConsumerOptions(0));
	}

	@Test
	void producerShardsRoundRobinWithSequencesPerShard() throws Exception {
		Streamer streamer = connect();
		Consumer consumer = streamer.createConsumer(this.key, earliest(ConsumerMode.REAL_TIME));
		Producer producer = streamer.createProducer(this.key,
				ProducerOptions.builder().with(new MemProducerOptions(3)).build());
		List<MessageHeader> receipts = send(producer, "s-", 9);
		for (int i = 0; i < 9; i++) {
			assertThat(receipts.get(i).shardId()).isEqualTo(ShardId.of(i % 3));
			assertThat(receipts.get(i).sequence()).isEqualTo(i / 3 + 1);
		}
		List<Message> received = receive(consumer, 9);
		assertThat(received).extracting(Message::header).containsExactlyInAnyOrderElementsOf(receipts);
	}

	@Test
	void unassignedShardsAreNotReadAndAssignedOnesAre() throws Exception {
		Streamer streamer = connect();
		Producer producer = streamer.createProducer(this.key,
				ProducerOptions.builder().with(new MemProducerOptions(2)).build());
		send(producer, "before-", 2);
		Consumer consumer = streamer.createConsumer(this.key, ConsumerOptions.defaults());
		consumer.unassign(this.key, ShardId.of(1));
		send(producer, "a-", 4);
		List<Message> received = receive(consumer, 2);
		assertThat(received).allSatisfy((m) -> assertThat(m.shardId()).isEqualTo(ShardId.ZERO));
		assertThat(payloads(received)).containsExactly("a-0", "a-2");
		assertThatExceptionOfType(SeaStreamerException.class)
			.isThrownBy(() -> consumer.unassign(this.key, ShardId.of(1)))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.STREAM_KEY_NOT_FOUND));
		assertThatExceptionOfType(SeaStreamerException.class)
			.isThrownBy(() -> consumer.unassign(this.key, ShardId.ZERO))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.STREAM_KEY_EMPTY));
		assertThatExceptionOfType(SeaStreamerException.class)
			.isThrownBy(() -> consumer.assign(StreamKey.of("other"), ShardId.ZERO))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.STREAM_KEY_NOT_FOUND));
		consumer.assign(this.key, ShardId.of(1));
		send(producer, "b-", 2);
		assertThat(payloads(receive(consumer, 2))).containsExactlyInAnyOrder("b-0", "b-1");
	}

	@Test
	void seekGoesToTheFirstMessageAtOrAfterTheTime() throws Exception {
		Streamer streamer = connect();
		Consumer consumer = streamer.createConsumer(this.key, earliest(ConsumerMode.REAL_TIME));
		List<MessageHeader> receipts = new ArrayList<>();
		Producer producer = streamer.createProducer(this.key);
		for (int i = 0; i < 20; i++) {
			MessageHeader receipt = get(producer.send("t-" + i));
			receipts.add(receipt);
			if (i == 9) {
				Instant sent = receipt.timestamp();
				await().atMost(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(sent));
			}
		}
		receive(consumer, 20);
		for (int target : new int[] { 0, 5, 10, 19 }) {
			Instant time = receipts.get(target).timestamp();
			int expected = 0;
			while (receipts.get(expected).timestamp().isBefore(time)) {
				expected++;
			}
			get(consumer.seek(time));
			assertThat(get(consumer.next()).payloadAsString()).as("seek to the time of message %d", target)
				.isEqualTo("t-" + expected);
		}
		get(consumer.seek(receipts.get(10).timestamp().minusNanos(1)));
		assertThat(get(consumer.next()).sequence()).isLessThanOrEqualTo(11);
		assertThat(receipts.get(10).timestamp()).isAfter(receipts.get(9).timestamp());
	}

	@Test
	void rewindToASequenceGoesToTheFirstMessageWithThatSequenceOrLater() throws Exception {
		Streamer streamer = connect(ConnectOptions.builder().with(new MemConnectOptions(100)).build());
		Producer producer = streamer.createProducer(this.key);
		send(producer, "n-", 150);
		Consumer consumer = streamer.createConsumer(this.key, earliest(ConsumerMode.REAL_TIME));
		assertThat(get(consumer.next()).sequence()).as("oldest kept").isEqualTo(51);
		get(consumer.rewind(SeqPos.at(120)));
		assertThat(get(consumer.next()).sequence()).isEqualTo(120);
		get(consumer.rewind(SeqPos.at(3)));
		assertThat(get(consumer.next()).sequence()).as("dropped by retention: the oldest kept").isEqualTo(51);
		get(consumer.rewind(SeqPos.at(0)));
		assertThat(get(consumer.next()).sequence()).isEqualTo(51);
		get(consumer.rewind(SeqPos.at(152)));
		CompletableFuture<Message> future = consumer.next();
		send(producer, "m-", 2);
		assertThat(get(future).sequence()).as("a sequence not yet written waits for it").isEqualTo(152);
		get(consumer.rewind(SeqPos.at(-1)));
		CompletableFuture<Message> never = consumer.next();
		send(producer, "x-", 1);
		get(consumer.rewind(SeqPos.END));
		send(producer, "y-", 1);
		assertThat(get(never).payloadAsString()).isEqualTo("y-0");
	}

	@Test
	void smallBufferAppliesBackPressureWithoutLosingMessages() throws Exception {
		Streamer streamer = connect();
		Consumer consumer = streamer.createConsumer(this.key,
				earliest(ConsumerMode.REAL_TIME).toBuilder().with(new MemConsumerOptions(8)).build());
		Producer producer = streamer.createProducer(this.key);
		for (int i = 0; i < 20_000; i++) {
			producer.send("bp-" + i);
		}
		List<Message> received = receive(consumer, 20_000);
		assertThat(received).extracting(Message::sequence).isSorted().doesNotHaveDuplicates();
		assertThat(received.get(19_999).payloadAsString()).isEqualTo("bp-19999");
	}

	@Test
	void disconnectedStreamerRefusesNewWorkAndKeepsTheData() throws Exception {
		Streamer streamer = connect();
		send(streamer.createProducer(this.key), "d-", 2);
		get(streamer.disconnect());
		assertThatExceptionOfType(SeaStreamerException.class).isThrownBy(() -> streamer.createProducer(this.key))
			.withMessageContaining("disconnected");
		assertThatExceptionOfType(SeaStreamerException.class)
			.isThrownBy(() -> streamer.createConsumer(this.key, ConsumerOptions.defaults()))
			.withMessageContaining("disconnected");
		Consumer consumer = connect().createConsumer(this.key, earliest(ConsumerMode.REAL_TIME));
		assertThat(payloads(receive(consumer, 2))).containsExactly("d-0", "d-1");
	}

	@Test
	void seekOnAClosedConsumerFailsWithStreamEnded() {
		Consumer consumer = connect().createConsumer(this.key, ConsumerOptions.defaults());
		consumer.close();
		assertThat(failure(consumer.seek(Instant.now())).kind()).isEqualTo(ErrorKind.STREAM_ENDED);
		assertThat(failure(consumer.rewind(SeqPos.BEGINNING)).kind()).isEqualTo(ErrorKind.STREAM_ENDED);
	}

	@Test
	void uriWithSeveralNodesIsRejected() {
		assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> SeaStreamer.connect("mem://a,b"))
			.withMessageContaining("one broker name");
	}

	@Test
	void commitOfAStreamNotSubscribedFails() throws Exception {
		Streamer streamer = connect();
		Consumer consumer = streamer.createConsumer(this.key, earliest(ConsumerMode.RESUMABLE));
		MessageHeader other = get(streamer.createProducer(StreamKey.of("elsewhere")).send("x"));
		assertThat(failure(consumer.commit(other)).kind()).isEqualTo(ErrorKind.STREAM_KEY_NOT_FOUND);
	}

}

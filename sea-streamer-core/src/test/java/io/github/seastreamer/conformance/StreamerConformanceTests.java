package io.github.seastreamer.conformance;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.seastreamer.Capability;
import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.Producer;
import io.github.seastreamer.ProducerEndedException;
import io.github.seastreamer.ProducerOptions;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.SeqPos;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamEndedException;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamKeyException;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.UnsupportedFeatureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The generic contract every SeaStreamer backend keeps (spec README §6): ordering per
 * stream and shard, several streams, generic producers, receipts, flush and end, consumer
 * modes, seek and rewind, closing and disconnecting, and clear errors.
 *
 * <p>
 * A backend's test class extends this one and implements {@link #connect()}. Behaviour
 * behind a {@link Capability} the backend lacks is not skipped: the test asserts the
 * documented error instead. Every test creates its consumers before producing, unless it
 * tests persistence, so that backends without {@link Capability#PERSISTENT} (stdio with
 * loopback) see the messages. Consumers read from the earliest message of a stream key
 * new to the test, which on persistent backends is the same as "from when the consumer
 * was created" but does not race with a background subscription.
 *
 * <p>
 * Boundaries that differ between backends (spec §6.2) are hooks:
 * {@link #rewindAtIsInclusive()}.
 */
public abstract class StreamerConformanceTests {

	private static final String ALPHANUMERICS = "abcdefghijklmnopqrstuvwxyz0123456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();

	/**
	 * A new streamer on the backend under test (called once or more per test; the suite
	 * closes what it opens).
	 * @return a connected streamer
	 * @throws Exception if it cannot connect
	 */
	protected abstract Streamer connect() throws Exception;

	/**
	 * A stream key unique to this test invocation (default: "conf-" + random
	 * alphanumerics).
	 * @return a new key
	 */
	protected StreamKey newStreamKey() {
		return StreamKey.of("conf-" + randomAlphanumerics(12));
	}

	/**
	 * Consumer options for a mode; backends override to add typed options. Default:
	 * {@code ConsumerOptions.builder().mode(mode)}.
	 * @param mode the mode
	 * @return a builder the tests complete (stream reset, group)
	 */
	protected ConsumerOptions.Builder consumerOptions(ConsumerMode mode) {
		return ConsumerOptions.builder().mode(mode);
	}

	/**
	 * Options of every producer the suite creates; backends override to add typed options
	 * (a sharder, for example). Default: {@link ProducerOptions#defaults()}.
	 * @return the options
	 */
	protected ProducerOptions producerOptions() {
		return ProducerOptions.defaults();
	}

	/**
	 * Upper bound for each wait (default 15 s).
	 * @return the timeout
	 */
	protected Duration timeout() {
		return Duration.ofSeconds(15);
	}

	/**
	 * Whether {@code rewind(At(n))} goes to the message with sequence {@code n} (file,
	 * Kafka, mem) rather than to the one after it (Redis).
	 * @return {@code true} if inclusive
	 */
	protected boolean rewindAtIsInclusive() {
		return true;
	}

	/**
	 * Random lower-case letters and digits.
	 * @param length how many
	 * @return the text
	 */
	protected static String randomAlphanumerics(int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(ALPHANUMERICS.charAt(RANDOM.nextInt(ALPHANUMERICS.length())));
		}
		return text.toString();
	}

	@AfterEach
	void closeWhatWasOpened() {
		List<AutoCloseable> toClose = new ArrayList<>(this.opened);
		Collections.reverse(toClose);
		for (AutoCloseable closeable : toClose) {
			try {
				if (closeable instanceof Streamer streamer) {
					streamer.disconnect().get(timeout().toMillis(), TimeUnit.MILLISECONDS);
				}
				else {
					closeable.close();
				}
			}
			catch (Exception ex) {
				// cleanup only: the tests assert what matters
			}
		}
		this.opened.clear();
	}

	// ---- helpers ----

	/**
	 * Connect and remember the streamer, so that it is disconnected after the test.
	 * @return the streamer
	 * @throws Exception if it cannot connect
	 */
	protected final Streamer open() throws Exception {
		Streamer streamer = connect();
		this.opened.add(streamer);
		return streamer;
	}

	/**
	 * Create a consumer and remember it, so that it is closed after the test.
	 * @param streamer the streamer
	 * @param options the options
	 * @param keys the streams
	 * @return the consumer
	 */
	protected final Consumer consumer(Streamer streamer, ConsumerOptions options, StreamKey... keys) {
		Consumer consumer = streamer.createConsumer(List.of(keys), options);
		this.opened.add(consumer);
		return consumer;
	}

	/**
	 * A real-time consumer from the earliest message.
	 * @param streamer the streamer
	 * @param keys the streams
	 * @return the consumer
	 */
	protected final Consumer realTimeConsumer(Streamer streamer, StreamKey... keys) {
		return consumer(streamer, consumerOptions(ConsumerMode.REAL_TIME).streamReset(StreamReset.EARLIEST).build(),
				keys);
	}

	/**
	 * Wait for a future, at most {@link #timeout()}.
	 * @param <T> the value type
	 * @param future the future
	 * @return its value
	 * @throws Exception if it failed or timed out
	 */
	protected final <T> T await(CompletableFuture<T> future) throws Exception {
		return future.get(timeout().toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Take {@code count} messages.
	 * @param consumer the consumer
	 * @param count how many
	 * @return the messages in the order received
	 * @throws Exception if one does not arrive in time
	 */
	protected final List<Message> receive(Consumer consumer, int count) throws Exception {
		List<Message> messages = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			messages.add(await(consumer.next()));
		}
		return messages;
	}

	/**
	 * Send texts through an anchored producer and wait for every receipt.
	 * @param producer the producer
	 * @param payloads the texts
	 * @return the receipts in order
	 * @throws Exception if a send fails
	 */
	protected final List<MessageHeader> sendAll(Producer producer, List<String> payloads) throws Exception {
		List<CompletableFuture<MessageHeader>> futures = new ArrayList<>();
		for (String payload : payloads) {
			futures.add(producer.send(payload));
		}
		List<MessageHeader> receipts = new ArrayList<>();
		for (CompletableFuture<MessageHeader> future : futures) {
			receipts.add(await(future));
		}
		return receipts;
	}

	/**
	 * The error an operation ends with, whether it throws or returns a failed future.
	 * @param operation the operation
	 * @return the SeaStreamer error
	 */
	protected final SeaStreamerException failureOf(Operation operation) {
		try {
			CompletableFuture<?> future = operation.run();
			await(future);
		}
		catch (ExecutionException ex) {
			SeaStreamerException error = SeaStreamerException.find(ex);
			assertThat(error).as("cause of %s", ex).isNotNull();
			return error;
		}
		catch (SeaStreamerException ex) {
			return ex;
		}
		catch (TimeoutException ex) {
			fail("expected an error within " + timeout() + " but the operation did not complete");
		}
		catch (Exception ex) {
			fail("expected a SeaStreamerException, got " + ex, ex);
		}
		return fail("expected an error but the operation succeeded");
	}

	private static List<String> texts(String prefix, int count) {
		List<String> texts = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			texts.add(prefix + i);
		}
		return texts;
	}

	/**
	 * The payloads as text.
	 * @param messages the messages
	 * @return their payloads
	 */
	protected static List<String> payloads(List<Message> messages) {
		return messages.stream().map(Message::payloadAsString).toList();
	}

	/**
	 * Assert that the messages are the texts sent, each once, and that within each shard
	 * they come in the order sent (the generic ordering contract: a backend that spreads
	 * one producer's messages over shards, such as Kafka with several partitions, orders
	 * them per shard only).
	 * @param received the messages received
	 * @param sent the texts sent, in order
	 */
	protected static void assertSentInOrderPerShard(List<Message> received, List<String> sent) {
		assertThat(payloads(received)).containsExactlyInAnyOrderElementsOf(sent);
		Map<String, Integer> lastIndex = new HashMap<>();
		for (Message message : received) {
			String shard = message.streamKey() + "/" + message.shardId();
			int index = sent.indexOf(message.payloadAsString());
			Integer previous = lastIndex.put(shard, index);
			if (previous != null) {
				assertThat(index)
					.as("`%s` of shard %s arrived after `%s`", message.payloadAsString(), shard, sent.get(previous))
					.isGreaterThan(previous);
			}
		}
		assertIncreasingPerShard(received);
	}

	private static void assertIncreasingPerShard(List<Message> messages) {
		Map<String, Long> last = new HashMap<>();
		for (Message message : messages) {
			String shard = message.streamKey() + "/" + message.shardId();
			Long previous = last.put(shard, message.sequence());
			if (previous != null) {
				assertThat(Long.compareUnsigned(message.sequence(), previous))
					.as("sequence of %s after %s", message.header(), previous)
					.isPositive();
			}
		}
	}

	private Set<Capability> capabilities(Streamer streamer) {
		return streamer.capabilities();
	}

	/**
	 * An operation that may throw or return a future.
	 */
	@FunctionalInterface
	protected interface Operation {

		/**
		 * Run the operation.
		 * @return its future
		 * @throws Exception if it fails synchronously
		 */
		CompletableFuture<?> run() throws Exception;

	}

	// ---- ordering and payloads ----

	@Test
	void messagesOfOneStreamArriveInOrderWithPayloadsIntact() throws Exception {
		Streamer streamer = open();
		StreamKey key = newStreamKey();
		Consumer consumer = realTimeConsumer(streamer, key);
		Producer producer = streamer.createProducer(key, producerOptions());
		List<String> sent = texts("ordered-", 100);
		sendAll(producer, sent);
		List<Message> received = receive(consumer, sent.size());
		assertSentInOrderPerShard(received, sent);
		assertThat(received).allSatisfy((m) -> assertThat(m.streamKey()).isEqualTo(key));
	}

	@Test
	void textWithMultiByteCharactersArrivesIntact() throws Exception {
		Streamer streamer = open();
		StreamKey key = newStreamKey();
		Consumer consumer = realTimeConsumer(streamer, key);
		Producer producer = streamer.createProducer(key, producerOptions());
		List<String> sent = List.of("héllo wörld", "日本語のテキスト", "emoji \uD83D\uDE80 rocket", "{ \"tick\": 1 }");
		sendAll(producer, sent);
		assertSentInOrderPerShard(receive(consumer, sent.size()), sent);
	}

	@Test
	void binaryPayloadsArriveIntactWhenSupportedElseSendFailsWithUtf8Error() throws Exception {
		Streamer streamer = open();
		StreamKey key = newStreamKey();
		Producer producer = streamer.createProducer(key, producerOptions());
		byte[] allBytes = new byte[256];
		for (int i = 0; i < allBytes.length; i++) {
			allBytes[i] = (byte) i;
		}
		byte[] invalidUtf8 = { (byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0, 10, 13 };
		if (!capabilities(streamer).contains(Capability.BINARY_PAYLOAD)) {
			SeaStreamerException error = failureOf(() -> producer.send(invalidUtf8));
			assertThat(error.kind()).isEqualTo(ErrorKind.UTF8);
			return;
		}
		Consumer consumer = realTimeConsumer(streamer, key);
		List<byte[]> sent = List.of(allBytes, invalidUtf8, new byte[0], new byte[100_000]);
		for (byte[] payload : sent) {
			await(producer.send(payload));
		}
		List<Message> received = receive(consumer, sent.size());
		Set<Integer> found = new HashSet<>();
		for (Message message : received) {
			int index = -1;
			for (int i = 0; i < sent.size(); i++) {
				if (java.util.Arrays.equals(message.payloadBytes(), sent.get(i))) {
					index = i;
				}
			}
			assertThat(index).as("payload of %d bytes matches one sent", message.payloadSize()).isNotNegative();
			found.add(index);
			if (index == 1) {
				assertThat(message.isUtf8()).isFalse();
				assertThatExceptionOfType(SeaStreamerException.class).isThrownBy(message::payloadAsString)
					.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.UTF8));
			}
		}
		assertThat(found).containsExactlyInAnyOrder(0, 1, 2, 3);
	}

	@Test
	void severalStreamsAtOnceKeepTheirOwnOrder() throws Exception {
		Streamer streamer = open();
		List<StreamKey> keys = List.of(newStreamKey(), newStreamKey(), newStreamKey());
		Consumer consumer = realTimeConsumer(streamer, keys.toArray(StreamKey[]::new));
		assertThat(consumer.streamKeys()).containsExactlyInAnyOrderElementsOf(keys);
		Producer producer = streamer.createGenericProducer(producerOptions());
		List<CompletableFuture<MessageHeader>> receipts = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			for (StreamKey key : keys) {
				receipts.add(producer.sendTo(key, key.name() + "-" + i));
			}
		}
		for (CompletableFuture<MessageHeader> receipt : receipts) {
			await(receipt);
		}
		List<Message> received = receive(consumer, 90);
		for (StreamKey key : keys) {
			List<Message> ofKey = received.stream().filter((m) -> m.streamKey().equals(key)).toList();
			assertSentInOrderPerShard(ofKey, texts(key.name() + "-", 30));
		}
	}

	@Test
	void genericProducerSendsToManyKeysAndAnchorsOnce() throws Exception {
		Streamer streamer = open();
		List<StreamKey> keys = List.of(newStreamKey(), newStreamKey(), newStreamKey(), newStreamKey());
		List<Consumer> consumers = keys.stream().map((k) -> realTimeConsumer(streamer, k)).toList();
		Producer producer = streamer.createGenericProducer(producerOptions());
		assertThat(producer.anchoredKey()).isEmpty();
		assertThat(failureOf(() -> producer.send("nowhere")).kind()).isEqualTo(ErrorKind.NOT_ANCHORED);
		for (StreamKey key : keys) {
			MessageHeader receipt = await(producer.sendTo(key, "to " + key));
			assertThat(receipt.streamKey()).isEqualTo(key);
		}
		for (int i = 0; i < keys.size(); i++) {
			Message message = await(consumers.get(i).next());
			assertThat(message.streamKey()).isEqualTo(keys.get(i));
			assertThat(message.payloadAsString()).isEqualTo("to " + keys.get(i));
		}
		producer.anchor(keys.get(0));
		assertThat(producer.anchoredKey()).contains(keys.get(0));
		assertThatExceptionOfType(SeaStreamerException.class).isThrownBy(() -> producer.anchor(keys.get(1)))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.ALREADY_ANCHORED));
		await(producer.send("anchored"));
		assertThat(await(consumers.get(0).next()).payloadAsString()).isEqualTo("anchored");
	}

	// ---- receipts, flush, end ----

	@Test
	void receiptsNameTheStreamAndShardWithPlausibleTimestamps() throws Exception {
		Streamer streamer = open();
		StreamKey key = newStreamKey();
		Consumer consumer = realTimeConsumer(streamer, key);
		Producer producer = streamer.createProducer(key, producerOptions());
		Instant before = Instant.now().minusSeconds(2);
		List<MessageHeader> receipts = sendAll(producer, texts("receipt-", 20));
		Instant after = Instant.now().plusSeconds(2);
		List<Message> received = receive(consumer, 20);
		for (MessageHeader receipt : receipts) {
			assertThat(receipt.streamKey()).isEqualTo(key);
			assertThat(receipt.shardId()).isNotNull();
			assertThat(receipt.timestamp()).isBetween(before, after);
		}
		for (Message message : received) {
			assertThat(message.timestamp()).isBetween(before, after);
		}
		if (capabilities(streamer).contains(Capability.RECEIPT_SEQUENCE)) {
			for (int i = 1; i < receipts.size(); i++) {
				if (receipts.get(i).shardId().equals(receipts.get(i - 1).shardId())) {
					assertThat(Long.compareUnsigned(receipts.get(i).sequence(), receipts.get(i - 1).sequence()))
						.as("receipt sequence %d after %d", i, i - 1)
						.isPositive();
				}
			}
			List<String> sent = texts("receipt-", 20);
			for (Message message : received) {
				MessageHeader receipt = receipts.get(sent.indexOf(message.payloadAsString()));
				assertThat(message.shardId()).as("shard of %s", message.payloadAsString()).isEqualTo(receipt.shardId());
				assertThat(message.sequence()).as("sequence of %s", message.payloadAsString())
					.isEqualTo(receipt.sequence());
			}
		}
	}

	@Test
	void flushThenEndMakesLaterSendsFailWithProducerEnded() throws Exception {
		Streamer streamer = open();
		StreamKey key = newStreamKey();
		Consumer consumer = realTimeConsumer(streamer, key);
		Producer producer = streamer.createProducer(key, producerOptions());
		List<CompletableFuture<MessageHeader>> receipts = new ArrayList<>();
		for (String text : texts("flushed-", 10)) {
			receipts.add(producer.send(text));
		}
		await(producer.flush());
		assertThat(receipts).allSatisfy((receipt) -> assertThat(receipt).isCompleted());
		await(producer.end());
		SeaStreamerException error = failureOf(() -> producer.send("too late"));
		assertThat(error).isInstanceOf(ProducerEndedException.class);
		assertThat(error.kind()).isEqualTo(ErrorKind.PRODUCER_ENDED);
		assertSentInOrderPerShard(receive(consumer, 10), texts("flushed-", 10));
	}

	// ---- consumer modes ----

	@Test
	void twoRealTimeConsumersEachGetEveryMessage() throws Exception {
		Streamer streamer = open();
		StreamKey key = newStreamKey();
		Consumer first = realTimeConsumer(streamer, key);
		Consumer second = realTimeConsumer(open(), key);
		List<String> sent = texts("both-", 50);
		sendAll(streamer.createProducer(key, producerOptions()), sent);
		assertSentInOrderPerShard(receive(first, 50), sent);
		assertSentInOrderPerShard(receive(second, 50), sent);
	}

	@Test
	void nextFromManyCallersDeliversEachMessageOnce() throws Exception {
		Streamer streamer = open();
		StreamKey key = newStreamKey();
		Consumer consumer = realTimeConsumer(streamer, key);
		List<CompletableFuture<Message>> pending = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			pending.add(consumer.next());
		}
		List<String> sent = texts("many-", 40);
		sendAll(streamer.createProducer(key, producerOptions()), sent);
		Set<String> received = new HashSet<>();
		for (CompletableFuture<Message> future : pending) {
			received.add(await(future).payloadAsString());
		}
		assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
	}

	@Test
	void nextCallsAbandonedByTimeoutsLoseNoMessage() throws Exception {
		Streamer streamer = open();
		StreamKey key = newStreamKey();
		Consumer consumer = realTimeConsumer(streamer, key);
		for (int i = 0; i < 3; i++) {
			CompletableFuture<Message> abandoned = consumer.next().orTimeout(10, TimeUnit.MILLISECONDS);
			assertThat(abandoned).failsWithin(timeout())
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(TimeoutException.class);
		}
		List<String> sent = texts("timeouts-", 200);
		Producer producer = streamer.createProducer(key, producerOptions());
		CompletableFuture<List<MessageHeader>> sending = CompletableFuture.supplyAsync(() -> {
			try {
				return sendAll(producer, sent);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		List<Message> received = new ArrayList<>();
		long deadline = System.nanoTime() + timeout().toNanos();
		while (received.size() < sent.size() && System.nanoTime() < deadline) {
			CompletableFuture<Message> next = consumer.next().orTimeout(1, TimeUnit.MILLISECONDS);
			try {
				received.add(next.get(timeout().toMillis(), TimeUnit.MILLISECONDS));
			}
			catch (ExecutionException ex) {
				assertThat(ex).hasCauseInstanceOf(TimeoutException.class);
			}
		}
		await(sending);
		// an item handed to a call just as it timed out goes back to the consumer, so it
		// is
		// not lost, but it may come after messages taken meanwhile: no order is asserted
		assertThat(payloads(received)).containsExactlyInAnyOrderElementsOf(sent);
	}

	@Test
	void loadBalancedGroupSplitsMessagesWithoutLossOrDuplicateWhenSupported() throws Exception {
		Streamer streamer = open();
		StreamKey key = newStreamKey();
		ConsumerOptions options = consumerOptions(ConsumerMode.LOAD_BALANCED).group("conf-" + randomAlphanumerics(8))
			.streamReset(StreamReset.EARLIEST)
			.build();
		if (!capabilities(streamer).contains(Capability.LOAD_BALANCED)) {
			SeaStreamerException error = failureOf(() -> {
				consumer(streamer, options, key);
				return CompletableFuture.completedFuture(null);
			});
			assertThat(error).isInstanceOf(UnsupportedFeatureException.class);
			return;
		}
		Consumer first = consumer(streamer, options, key);
		Consumer second = consumer(open(), options, key);
		List<String> sent = texts("balanced-", 200);
		List<String> received = new CopyOnWriteArrayList<>();
		CompletableFuture<Void> all = new CompletableFuture<>();
		for (Consumer member : List.of(first, second)) {
			pull(member, received, sent.size(), all);
		}
		sendAll(streamer.createProducer(key, producerOptions()), sent);
		await(all);
		assertThat(received).hasSize(sent.size()).containsExactlyInAnyOrderElementsOf(sent);
	}

	private void pull(Consumer member, List<String> received, int expected, CompletableFuture<Void> all) {
		member.next().whenComplete((message, error) -> {
			if (error != null) {
				if (SeaStreamerException.find(error) instanceof StreamEndedException) {
					return;
				}
				all.completeExceptionally(error);
				return;
			}
			received.add(message.payloadAsString());
			member.commit(message.header());
			if (received.size() >= expected) {
				all.complete(null);
			}
			else {
				pull(member, received, expected, all);
			}
		});
	}

	@Test
	void resumableConsumerResumesAfterTheCommittedMessageWhenSupported() throws Exception {
		Streamer streamer = open();
		StreamKey key = newStreamKey();
		ConsumerOptions options = consumerOptions(ConsumerMode.RESUMABLE).streamReset(StreamReset.EARLIEST).build();
		if (!capabilities(streamer).contains(Capability.RESUMABLE)) {
			SeaStreamerException error = failureOf(() -> {
				consumer(streamer, options, key);
				return CompletableFuture.completedFuture(null);
			});
			assertThat(error).isInstanceOf(UnsupportedFeatureException.class);
			return;
		}
		Consumer first = consumer(streamer, options, key);
		List<String> sent = texts("resume-", 10);
		sendAll(streamer.createProducer(key, producerOptions()), sent);
		List<Message> firstHalf = receive(first, 5);
		MessageHeader committed = firstHalf.get(4).header();
		await(first.commit(committed));
		first.close();
		await(streamer.disconnect());

		Streamer again = open();
		Consumer second = consumer(again, options, key);
		// the commit covers that message and the earlier ones of its shard; on a backend
		// with one shard per stream, exactly the first five
		List<String> done = firstHalf.stream()
			.filter((m) -> m.shardId().equals(committed.shardId())
					&& Long.compareUnsigned(m.sequence(), committed.sequence()) <= 0)
			.map(Message::payloadAsString)
			.toList();
		List<String> rest = sent.stream().filter((text) -> !done.contains(text)).toList();
		assertSentInOrderPerShard(receive(second, rest.size()), rest);
	}

	@Test
	void commitOnRealTimeConsumerFailsWithCommitNotAllowed() throws Exception {
		Streamer streamer = open();
		StreamKey key = newStreamKey();
		Consumer consumer = realTimeConsumer(streamer, key);
		await(streamer.createProducer(key, producerOptions()).send("one"));
		Message message = await(consumer.next());
		SeaStreamerException error = failureOf(() -> consumer.commit(message.header()));
		assertThat(error.kind()).isIn(ErrorKind.COMMIT_NOT_ALLOWED, ErrorKind.UNSUPPORTED);
	}

	@Test
	void consumerCreatedLaterReadsEarlierMessagesWhenPersistent() throws Exception {
		Streamer streamer = open();
		assumeTrue(capabilities(streamer).contains(Capability.PERSISTENT),
				"a backend that does not store messages cannot show them to a later consumer");
		StreamKey key = newStreamKey();
		List<String> sent = texts("stored-", 5);
		sendAll(streamer.createProducer(key, producerOptions()), sent);
		Consumer consumer = realTimeConsumer(open(), key);
		assertSentInOrderPerShard(receive(consumer, 5), sent);
	}

	// ---- seek and rewind ----

	private Consumer consumerWithTenMessages(Streamer streamer, StreamKey key, List<MessageHeader> receipts)
			throws Exception {
		Consumer consumer = realTimeConsumer(streamer, key);
		receipts.addAll(sendAll(streamer.createProducer(key, producerOptions()), texts("pos-", 10)));
		assertSentInOrderPerShard(receive(consumer, 10), texts("pos-", 10));
		return consumer;
	}

	@Test
	void rewindToBeginningDeliversTheFirstMessageAgainWhenSupported() throws Exception {
		Streamer streamer = open();
		StreamKey key = newStreamKey();
		Consumer consumer = consumerWithTenMessages(streamer, key, new ArrayList<>());
		if (!capabilities(streamer).contains(Capability.REWIND)) {
			assertThat(failureOf(() -> consumer.rewind(SeqPos.BEGINNING)))
				.isInstanceOf(UnsupportedFeatureException.class);
			return;
		}
		await(consumer.rewind(SeqPos.BEGINNING));
		assertSentInOrderPerShard(receive(consumer, 10), texts("pos-", 10));
	}

	@Test
	void rewindToEndDeliversOnlyLaterMessagesWhenSupported() throws Exception {
		Streamer streamer = open();
		StreamKey key = newStreamKey();
		Consumer consumer = consumerWithTenMessages(streamer, key, new ArrayList<>());
		if (!capabilities(streamer).contains(Capability.REWIND)) {
			assertThat(failureOf(() -> consumer.rewind(SeqPos.END))).isInstanceOf(UnsupportedFeatureException.class);
			return;
		}
		await(consumer.rewind(SeqPos.BEGINNING));
		await(consumer.rewind(SeqPos.END));
		await(streamer.createProducer(key, producerOptions()).send("after-end"));
		assertThat(await(consumer.next()).payloadAsString()).isEqualTo("after-end");
	}

	@Test
	void rewindToSequenceGoesToThatMessageWhenSupported() throws Exception {
		Streamer streamer = open();
		StreamKey key = newStreamKey();
		List<MessageHeader> receipts = new ArrayList<>();
		Consumer consumer = consumerWithTenMessages(streamer, key, receipts);
		if (!capabilities(streamer).contains(Capability.REWIND)) {
			assertThat(failureOf(() -> consumer.rewind(SeqPos.at(1)))).isInstanceOf(UnsupportedFeatureException.class);
			return;
		}
		assumeTrue(capabilities(streamer).contains(Capability.RECEIPT_SEQUENCE),
				"without receipt sequences there is no sequence to rewind to");
		long target = receipts.get(4).sequence();
		await(consumer.rewind(SeqPos.at(target)));
		// every subscribed shard goes to that sequence: with one shard, messages 4 (or 5)
		// to 9
		List<String> sent = texts("pos-", 10);
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < receipts.size(); i++) {
			int order = Long.compareUnsigned(receipts.get(i).sequence(), target);
			if (order > 0 || (order == 0 && rewindAtIsInclusive())) {
				expected.add(sent.get(i));
			}
		}
		assertSentInOrderPerShard(receive(consumer, expected.size()), expected);
	}

	@Test
	void seekBeforeEveryMessageDeliversFromTheFirstAndSeekIntoTheFutureDeliversOnlyLaterOnesWhenSupported()
			throws Exception {
		Streamer streamer = open();
		StreamKey key = newStreamKey();
		List<MessageHeader> receipts = new ArrayList<>();
		Consumer consumer = consumerWithTenMessages(streamer, key, receipts);
		if (!capabilities(streamer).contains(Capability.SEEK)) {
			assertThat(failureOf(() -> consumer.seek(Instant.now()))).isInstanceOf(UnsupportedFeatureException.class);
			return;
		}
		await(consumer.seek(receipts.get(0).timestamp().minusSeconds(60)));
		assertSentInOrderPerShard(receive(consumer, 10), texts("pos-", 10));
		await(consumer.seek(Instant.now().plusSeconds(3600)));
		await(streamer.createProducer(key, producerOptions()).send("after-seek"));
		assertThat(await(consumer.next()).payloadAsString()).isEqualTo("after-seek");
	}

	// ---- closing ----

	@Test
	void closingConsumerFailsPendingNextWithStreamEnded() throws Exception {
		Streamer streamer = open();
		Consumer consumer = realTimeConsumer(streamer, newStreamKey());
		CompletableFuture<Message> pending = consumer.next();
		assertThat(pending).isNotDone();
		consumer.close();
		assertThat(failureOf(() -> pending)).isInstanceOf(StreamEndedException.class);
		assertThat(failureOf(consumer::next)).isInstanceOf(StreamEndedException.class);
	}

	@Test
	void disconnectEndsProducersAndConsumers() throws Exception {
		Streamer streamer = open();
		StreamKey key = newStreamKey();
		Consumer consumer = realTimeConsumer(streamer, key);
		Producer producer = streamer.createProducer(key, producerOptions());
		await(producer.send("before"));
		assertThat(await(consumer.next()).payloadAsString()).isEqualTo("before");
		CompletableFuture<Message> pending = consumer.next();
		await(streamer.disconnect());
		assertThat(failureOf(() -> producer.send("after"))).isInstanceOf(ProducerEndedException.class);
		assertThat(failureOf(() -> pending)).isInstanceOf(StreamEndedException.class);
	}

	@Test
	void publisherViewDeliversRequestedMessages() throws Exception {
		Streamer streamer = open();
		StreamKey key = newStreamKey();
		Consumer consumer = realTimeConsumer(streamer, key);
		List<String> received = new CopyOnWriteArrayList<>();
		CompletableFuture<Void> done = new CompletableFuture<>();
		consumer.asPublisher().subscribe(new Flow.Subscriber<>() {
			private Flow.Subscription subscription;

			@Override
			public void onSubscribe(Flow.Subscription subscription) {
				this.subscription = subscription;
				subscription.request(5);
			}

			@Override
			public void onNext(Message item) {
				received.add(item.payloadAsString());
				if (received.size() == 5) {
					this.subscription.cancel();
					done.complete(null);
				}
			}

			@Override
			public void onError(Throwable throwable) {
				done.completeExceptionally(throwable);
			}

			@Override
			public void onComplete() {
				done.complete(null);
			}
		});
		sendAll(streamer.createProducer(key, producerOptions()), texts("published-", 5));
		await(done);
		assertThat(received).containsExactlyInAnyOrderElementsOf(texts("published-", 5));
	}

	// ---- invalid arguments ----

	@Test
	void consumerOfNoStreamIsRejected() throws Exception {
		Streamer streamer = open();
		assertThatExceptionOfType(SeaStreamerException.class)
			.isThrownBy(() -> consumer(streamer, consumerOptions(ConsumerMode.REAL_TIME).build()))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.STREAM_KEY_EMPTY));
	}

	@Test
	void invalidStreamKeyIsRejectedWithThePattern() {
		assertThatExceptionOfType(StreamKeyException.class).isThrownBy(() -> StreamKey.of("no spaces allowed"))
			.withMessageContaining("no spaces allowed")
			.withMessageContaining("[a-zA-Z0-9._-]");
	}

	@Test
	void assigningAShardOfAnUnsubscribedStreamFails() throws Exception {
		Streamer streamer = open();
		Consumer consumer = realTimeConsumer(streamer, newStreamKey());
		SeaStreamerException error = failureOf(() -> {
			consumer.assign(newStreamKey(), ShardId.ZERO);
			return CompletableFuture.completedFuture(null);
		});
		if (capabilities(streamer).contains(Capability.ASSIGN)) {
			assertThat(error.kind()).isEqualTo(ErrorKind.STREAM_KEY_NOT_FOUND);
		}
		else {
			assertThat(error.kind()).isIn(ErrorKind.STREAM_KEY_NOT_FOUND, ErrorKind.UNSUPPORTED);
		}
	}

	@Test
	void payloadTextIsUtf8EncodedBytes() throws Exception {
		Streamer streamer = open();
		StreamKey key = newStreamKey();
		Consumer consumer = realTimeConsumer(streamer, key);
		await(streamer.createProducer(key, producerOptions()).send("ünïcode"));
		Message message = await(consumer.next());
		assertThat(message.payloadBytes()).isEqualTo("ünïcode".getBytes(StandardCharsets.UTF_8));
		assertThat(message.isUtf8()).isTrue();
	}

}

package io.github.seastreamer.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import io.github.seastreamer.BackendException;
import io.github.seastreamer.Message;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamEndedException;
import io.github.seastreamer.StreamKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The batch hand-over between a Kafka consumer's poll thread and its callers, as a unit
 * (no broker: records are built in memory).
 */
class RecordHandOverTests {

	private static final StreamKey TOPIC = StreamKey.of("topic");

	private static final long TIME = 1_700_000_000_123L;

	private static RecordHandOver.Batch batch(int partition, long firstOffset, int count) {
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			long offset = firstOffset + i;
			records.add(new ConsumerRecord<>(TOPIC.name(), partition, offset, null,
					(partition + ":" + offset).getBytes(StandardCharsets.UTF_8)));
		}
		return new RecordHandOver.Batch(TOPIC, ShardId.of(partition), records);
	}

	private static List<String> payloads(List<Message> messages) {
		return messages.stream().map(Message::payloadAsString).toList();
	}

	private static List<String> expected(int partition, long firstOffset, int count) {
		List<String> list = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			list.add(partition + ":" + (firstOffset + i));
		}
		return list;
	}

	@Test
	void nextBuildsMessagesOfSuccessiveBatchesInOrder() throws Exception {
		RecordHandOver handOver = new RecordHandOver(100, Runnable::run);
		assertThat(handOver.offer(batch(0, 10, 3))).isTrue();
		assertThat(handOver.offer(batch(1, 0, 2))).isTrue();
		List<Message> messages = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			messages.add(handOver.next().get(5, TimeUnit.SECONDS));
		}
		assertThat(payloads(messages)).containsExactly("0:10", "0:11", "0:12", "1:0", "1:1");
		assertThat(messages.get(0).streamKey()).isEqualTo(TOPIC);
		assertThat(messages.get(0).sequence()).isEqualTo(10);
		assertThat(messages.get(3).shardId()).isEqualTo(ShardId.of(1));
		assertThat(handOver.buffered()).isZero();
	}

	@Test
	void messagesCarryTheRecordTimestampAndHeadersAsAttributes() throws Exception {
		RecordHeaders headers = new RecordHeaders();
		headers.add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
		headers.add("empty", null);
		ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(TOPIC.name(), 0, 7, TIME,
				TimestampType.CREATE_TIME, 0, 2, null, "hi".getBytes(StandardCharsets.UTF_8), headers,
				java.util.Optional.empty());
		ConsumerRecord<byte[], byte[]> noValue = new ConsumerRecord<>(TOPIC.name(), 0, 8, null, null);
		RecordHandOver handOver = new RecordHandOver(100, Runnable::run);
		handOver.offer(new RecordHandOver.Batch(TOPIC, ShardId.ZERO, List.of(record, noValue)));
		Message message = handOver.next().get(5, TimeUnit.SECONDS);
		assertThat(message.timestamp()).isEqualTo(Instant.ofEpochMilli(TIME));
		assertThat(message.payloadAsString()).isEqualTo("hi");
		assertThat(message.attributes()).containsEntry("traceparent", "00-abc-def-01").containsEntry("empty", "");
		Message empty = handOver.next().get(5, TimeUnit.SECONDS);
		assertThat(empty.sequence()).isEqualTo(8);
		assertThat(empty.payloadSize()).isZero();
		assertThat(empty.attributes()).isEmpty();
	}

	@Test
	void pollTakesWhatIsBufferedWithoutWaitingAndReturnsNullWhenNothingIs() {
		RecordHandOver handOver = new RecordHandOver(100, Runnable::run);
		assertThat(handOver.poll()).isNull();
		handOver.offer(batch(0, 0, 2));
		Message first = handOver.poll();
		Message second = handOver.poll();
		assertThat(first).isNotNull();
		assertThat(second).isNotNull();
		assertThat(payloads(List.of(first, second))).containsExactly("0:0", "0:1");
		assertThat(handOver.poll()).isNull();
	}

	@Test
	void pollLeavesMessagesToCallersAlreadyWaiting() throws Exception {
		ConcurrentLinkedQueue<Runnable> deferred = new ConcurrentLinkedQueue<>();
		RecordHandOver handOver = new RecordHandOver(100, deferred::add);
		CompletableFuture<Message> waiting = handOver.next();
		handOver.offer(batch(0, 0, 2));
		assertThat(handOver.poll()).isNotNull();
		deferred.forEach(Runnable::run);
		assertThat(waiting.get(5, TimeUnit.SECONDS).payloadAsString()).isEqualTo("0:0");
	}

	@Test
	void aWaitingNextIsCompletedOnTheDeliveryExecutorWhenABatchArrives() throws Exception {
		ConcurrentLinkedQueue<Runnable> deferred = new ConcurrentLinkedQueue<>();
		RecordHandOver handOver = new RecordHandOver(100, deferred::add);
		CompletableFuture<Message> waiting = handOver.next();
		assertThat(waiting).isNotDone();
		handOver.offer(batch(0, 0, 3));
		assertThat(waiting).isNotDone();
		assertThat(deferred).hasSize(1);
		deferred.poll().run();
		assertThat(waiting.get(5, TimeUnit.SECONDS).payloadAsString()).isEqualTo("0:0");
		assertThat(handOver.next().get(5, TimeUnit.SECONDS).payloadAsString()).isEqualTo("0:1");
	}

	@Test
	void aNextThatYieldsFirstStillWaitsForTheNextBatchWhenNoneArrives() throws Exception {
		RecordHandOver handOver = new RecordHandOver(100, Runnable::run, 50, () -> {
		});
		CompletableFuture<Message> waiting = handOver.next();
		assertThat(waiting).isNotDone();
		handOver.offer(batch(2, 5, 1));
		assertThat(waiting.get(5, TimeUnit.SECONDS).payloadAsString()).isEqualTo("2:5");
		assertThatThrownBy(() -> new RecordHandOver(100, Runnable::run, -1, () -> {
		})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yields");
	}

	@Test
	void aNextAbandonedWhileItsMessageIsOnTheWayGivesTheMessageBackToTheNextCaller() throws Exception {
		ConcurrentLinkedQueue<Runnable> deferred = new ConcurrentLinkedQueue<>();
		RecordHandOver handOver = new RecordHandOver(100, deferred::add);
		CompletableFuture<Message> abandoned = handOver.next();
		handOver.offer(batch(0, 0, 3));
		abandoned.cancel(false);
		deferred.poll().run();
		List<Message> messages = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			messages.add(handOver.next().get(5, TimeUnit.SECONDS));
		}
		assertThat(payloads(messages)).containsExactly("0:0", "0:1", "0:2");
	}

	@Test
	void aNextAbandonedBeforeAnyBatchArrivesTakesNothing() throws Exception {
		RecordHandOver handOver = new RecordHandOver(100, Runnable::run);
		CompletableFuture<Message> timedOut = handOver.next().orTimeout(1, TimeUnit.MILLISECONDS);
		assertThatThrownBy(() -> timedOut.get(5, TimeUnit.SECONDS))
			.hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
		handOver.offer(batch(0, 0, 1));
		assertThat(handOver.next().get(5, TimeUnit.SECONDS).payloadAsString()).isEqualTo("0:0");
	}

	@Test
	void offerRefusesOnceTheLimitIsReachedAndAcceptsAgainWhenBatchesAreTaken() throws Exception {
		RecordHandOver handOver = new RecordHandOver(4, Runnable::run);
		assertThat(handOver.offer(batch(0, 0, 3))).isTrue();
		// one batch may cross the limit
		assertThat(handOver.offer(batch(0, 3, 3))).isTrue();
		assertThat(handOver.buffered()).isEqualTo(6);
		assertThat(handOver.offer(batch(0, 6, 1))).isFalse();
		for (int i = 0; i < 3; i++) {
			handOver.next().get(5, TimeUnit.SECONDS);
		}
		assertThat(handOver.buffered()).isEqualTo(3);
		assertThat(handOver.offer(batch(0, 6, 1))).isTrue();
		List<Message> rest = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			rest.add(handOver.next().get(5, TimeUnit.SECONDS));
		}
		assertThat(payloads(rest)).containsExactly("0:3", "0:4", "0:5", "0:6");
	}

	@Test
	void aCallerThatTakesHalfOfAFullBufferSignalsSpaceOnce() throws Exception {
		java.util.concurrent.atomic.AtomicInteger signals = new java.util.concurrent.atomic.AtomicInteger();
		RecordHandOver handOver = new RecordHandOver(4, Runnable::run, 0, signals::incrementAndGet);
		handOver.offer(batch(0, 0, 3));
		handOver.offer(batch(0, 3, 3));
		assertThat(handOver.offer(batch(0, 6, 1))).isFalse();
		for (int i = 0; i < 3; i++) {
			handOver.next().get(5, TimeUnit.SECONDS);
		}
		// 3 left: more than half of the limit
		assertThat(signals).hasValue(0);
		for (int i = 0; i < 3; i++) {
			handOver.next().get(5, TimeUnit.SECONDS);
		}
		assertThat(signals).hasValue(1);
		handOver.offer(batch(0, 6, 1));
		handOver.next().get(5, TimeUnit.SECONDS);
		// no refused offer since: no signal
		assertThat(signals).hasValue(1);
	}

	@Test
	void takeAllReturnsGivenBackMessagesThenTheRestOfEveryBatchAndEmptiesTheHandOver() throws Exception {
		ConcurrentLinkedQueue<Runnable> deferred = new ConcurrentLinkedQueue<>();
		RecordHandOver handOver = new RecordHandOver(100, deferred::add);
		CompletableFuture<Message> abandoned = handOver.next();
		handOver.offer(batch(0, 0, 4));
		handOver.offer(batch(1, 20, 2));
		abandoned.cancel(false);
		deferred.poll().run();
		RecordHandOver.Taken taken = handOver.takeAll();
		assertThat(payloads(taken.messages())).containsExactly("0:0");
		assertThat(taken.batches()).hasSize(2);
		assertThat(taken.batches().get(0).firstOffset()).isEqualTo(1);
		assertThat(taken.batches().get(0).size()).isEqualTo(3);
		assertThat(taken.batches().get(1).firstOffset()).isEqualTo(20);
		assertThat(handOver.buffered()).isZero();
		assertThat(handOver.poll()).isNull();
		// what is put back comes first, then batches offered again
		handOver.restore(taken.messages());
		handOver.offer(taken.batches().get(1));
		assertThat(handOver.next().get(5, TimeUnit.SECONDS).payloadAsString()).isEqualTo("0:0");
		assertThat(handOver.next().get(5, TimeUnit.SECONDS).payloadAsString()).isEqualTo("1:20");
	}

	@Test
	void takeAllAfterPartOfABatchWasTakenReturnsOnlyItsRest() throws Exception {
		RecordHandOver handOver = new RecordHandOver(100, Runnable::run);
		handOver.offer(batch(0, 0, 5));
		handOver.next().get(5, TimeUnit.SECONDS);
		handOver.next().get(5, TimeUnit.SECONDS);
		RecordHandOver.Taken taken = handOver.takeAll();
		assertThat(taken.messages()).isEmpty();
		assertThat(taken.batches()).singleElement().satisfies((b) -> {
			assertThat(b.firstOffset()).isEqualTo(2);
			assertThat(b.size()).isEqualTo(3);
		});
		assertThat(handOver.offer(batch(0, 100, 1))).isTrue();
		assertThat(handOver.next().get(5, TimeUnit.SECONDS).sequence()).isEqualTo(100);
	}

	@Test
	void closeDeliversWhatIsBufferedThenTheErrorOnceThenStreamEnded() throws Exception {
		RecordHandOver handOver = new RecordHandOver(100, Runnable::run);
		handOver.offer(batch(0, 0, 2));
		handOver.close(new BackendException(KafkaStreamer.BACKEND, "broken", null, false));
		assertThat(handOver.offer(batch(0, 2, 1))).isFalse();
		assertThat(handOver.next().get(5, TimeUnit.SECONDS).payloadAsString()).isEqualTo("0:0");
		assertThat(handOver.poll()).isNotNull();
		assertThatThrownBy(() -> handOver.next().get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(BackendException.class);
		assertThatThrownBy(() -> handOver.next().get(5, TimeUnit.SECONDS))
			.hasCauseInstanceOf(StreamEndedException.class);
		assertThat(handOver.poll()).isNull();
	}

	@Test
	void closeFailsCallersAlreadyWaiting() {
		RecordHandOver handOver = new RecordHandOver(100, Runnable::run);
		CompletableFuture<Message> waiting = handOver.next();
		handOver.close(new StreamEndedException("closed"));
		assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(StreamEndedException.class);
	}

	@Test
	void concurrentCallersTogetherReceiveEveryRecordExactlyOnce() throws Exception {
		ExecutorService delivery = Executors.newSingleThreadExecutor();
		ExecutorService callers = Executors.newFixedThreadPool(3);
		try {
			RecordHandOver handOver = new RecordHandOver(64, delivery);
			int batches = 400;
			int perBatch = 25;
			List<Future<List<String>>> results = new ArrayList<>();
			int perCaller = batches * perBatch / 4;
			for (int c = 0; c < 3; c++) {
				results.add(callers.submit(() -> {
					List<String> got = new ArrayList<>();
					for (int i = 0; i < perCaller; i++) {
						Message message = handOver.poll();
						got.add(((message != null) ? message : handOver.next().get(10, TimeUnit.SECONDS))
							.payloadAsString());
					}
					return got;
				}));
			}
			// this thread plays the poll thread and the fourth caller
			List<String> own = new ArrayList<>();
			int offered = 0;
			while (offered < batches || own.size() < perCaller) {
				if (offered < batches && handOver.offer(batch(offered % 3, offered * perBatch, perBatch))) {
					offered++;
				}
				else if (own.size() < perCaller) {
					Message message = handOver.poll();
					if (message != null) {
						own.add(message.payloadAsString());
					}
				}
				else {
					Thread.onSpinWait();
				}
			}
			Set<String> all = new HashSet<>(own);
			int total = own.size();
			for (Future<List<String>> result : results) {
				List<String> got = result.get(30, TimeUnit.SECONDS);
				total += got.size();
				all.addAll(got);
			}
			assertThat(total).isEqualTo(batches * perBatch);
			assertThat(all).hasSize(batches * perBatch);
			assertThat(handOver.buffered()).isZero();
		}
		finally {
			callers.shutdownNow();
			delivery.shutdownNow();
		}
	}

}

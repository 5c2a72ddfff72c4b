package io.github.seastreamer.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.github.seastreamer.BackendException;
import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamEndedException;
import io.github.seastreamer.StreamKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reactive view of a consumer.
 */
class ConsumerPublisherTests {

	private static final StreamKey KEY = StreamKey.of("s");

	private final Inbox<Message> inbox = new Inbox<>(16);

	private final Consumer consumer = new Consumer() {

		@Override
		public CompletableFuture<Message> next() {
			return ConsumerPublisherTests.this.inbox.next();
		}

		@Override
		public Set<StreamKey> streamKeys() {
			return Set.of(KEY);
		}

		@Override
		public ConsumerMode mode() {
			return ConsumerMode.REAL_TIME;
		}

		@Override
		public void close() {
			ConsumerPublisherTests.this.inbox.close(new StreamEndedException("closed"));
		}

	};

	private static Message message(long sequence) {
		return Message.of(new MessageHeader(KEY, ShardId.ZERO, sequence, Instant.EPOCH), "m" + sequence);
	}

	@Test
	void deliversNoMoreThanRequested() {
		for (int i = 1; i <= 5; i++) {
			this.inbox.offer(message(i));
		}
		Recorder recorder = new Recorder(2);
		this.consumer.asPublisher().subscribe(recorder);
		await().atMost(Duration.ofSeconds(5)).until(() -> recorder.items.size() == 2);
		assertThat(this.inbox.size()).as("nothing taken beyond the demand").isEqualTo(3);
		recorder.subscription.get().request(3);
		await().atMost(Duration.ofSeconds(5)).until(() -> recorder.items.size() == 5);
		assertThat(recorder.items).extracting(Message::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
	}

	@Test
	void endOfStreamCompletesAndOtherErrorsAreSignalled() throws Exception {
		Recorder ended = new Recorder(10);
		this.consumer.asPublisher().subscribe(ended);
		this.inbox.offer(message(1));
		this.consumer.close();
		assertThat(ended.done.get(5, TimeUnit.SECONDS)).isNull();
		assertThat(ended.items).hasSize(1);

		Recorder failed = new Recorder(10);
		Inbox<Message> broken = new Inbox<>(4);
		broken.close(new BackendException("test", "lost"));
		new ConsumerPublisher(new DelegatingConsumer(broken)).subscribe(failed);
		assertThat(failed.done).failsWithin(Duration.ofSeconds(5))
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.withCauseInstanceOf(BackendException.class);
	}

	@Test
	void secondSubscriberIsRejected() throws Exception {
		Flow.Publisher<Message> publisher = this.consumer.asPublisher();
		publisher.subscribe(new Recorder(1));
		Recorder second = new Recorder(1);
		publisher.subscribe(second);
		assertThat(second.done).failsWithin(Duration.ofSeconds(5))
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.withCauseInstanceOf(IllegalStateException.class);
	}

	@Test
	void nonPositiveRequestIsAnError() {
		Recorder recorder = new Recorder(0);
		this.consumer.asPublisher().subscribe(recorder);
		recorder.subscription.get().request(0);
		assertThat(recorder.done).failsWithin(Duration.ofSeconds(5))
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.withCauseInstanceOf(IllegalArgumentException.class)
			.withMessageContaining("§3.9");
	}

	private static final class Recorder implements Flow.Subscriber<Message> {

		private final long initialDemand;

		private final List<Message> items = new CopyOnWriteArrayList<>();

		private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();

		private final CompletableFuture<Void> done = new CompletableFuture<>();

		Recorder(long initialDemand) {
			this.initialDemand = initialDemand;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription.set(subscription);
			if (this.initialDemand > 0) {
				subscription.request(this.initialDemand);
			}
		}

		@Override
		public void onNext(Message item) {
			this.items.add(item);
		}

		@Override
		public void onError(Throwable throwable) {
			this.done.completeExceptionally(throwable);
		}

		@Override
		public void onComplete() {
			this.done.complete(null);
		}

	}

	private record DelegatingConsumer(Inbox<Message> source) implements Consumer {

		@Override
		public CompletableFuture<Message> next() {
			return this.source.next();
		}

		@Override
		public Set<StreamKey> streamKeys() {
			return Set.of(KEY);
		}

		@Override
		public ConsumerMode mode() {
			return ConsumerMode.REAL_TIME;
		}

		@Override
		public void close() {
		}

	}

}

package io.github.seastreamer.spi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.Message;
import io.github.seastreamer.StreamEndedException;

/**
 * A {@link Flow.Publisher} over a {@link Consumer}: calls {@code next()} as the single
 * subscriber requests messages; completes when the stream ends, and signals any other
 * error.
 */
public final class ConsumerPublisher implements Flow.Publisher<Message> {

	private final Consumer consumer;

	private final AtomicBoolean subscribed = new AtomicBoolean();

	/**
	 * Create the publisher.
	 * @param consumer the consumer to read
	 */
	public ConsumerPublisher(Consumer consumer) {
		this.consumer = consumer;
	}

	@Override
	public void subscribe(Flow.Subscriber<? super Message> subscriber) {
		if (!this.subscribed.compareAndSet(false, true)) {
			subscriber.onSubscribe(new Flow.Subscription() {
				@Override
				public void request(long n) {
				}

				@Override
				public void cancel() {
				}
			});
			subscriber.onError(new IllegalStateException("a consumer publisher accepts one subscriber only"));
			return;
		}
		Subscription subscription = new Subscription(subscriber);
		subscriber.onSubscribe(subscription);
	}

	private final class Subscription implements Flow.Subscription {

		private final Flow.Subscriber<? super Message> subscriber;

		private final AtomicLong demand = new AtomicLong();

		private final AtomicInteger wip = new AtomicInteger();

		private final AtomicBoolean inFlight = new AtomicBoolean();

		private volatile boolean done;

		Subscription(Flow.Subscriber<? super Message> subscriber) {
			this.subscriber = subscriber;
		}

		@Override
		public void request(long n) {
			if (n <= 0) {
				cancel();
				this.subscriber.onError(new IllegalArgumentException("request must be positive (§3.9), was " + n));
				return;
			}
			this.demand.getAndUpdate((d) -> (d + n < 0) ? Long.MAX_VALUE : d + n);
			drain();
		}

		@Override
		public void cancel() {
			this.done = true;
		}

		private void drain() {
			if (this.wip.getAndIncrement() != 0) {
				return;
			}
			int missed = 1;
			while (true) {
				while (!this.done && this.demand.get() > 0 && this.inFlight.compareAndSet(false, true)) {
					CompletableFuture<Message> next = ConsumerPublisher.this.consumer.next();
					if (next.isDone()) {
						handle(next.handle((m, e) -> new Outcome(m, e)).join());
					}
					else {
						next.whenComplete((m, e) -> {
							handle(new Outcome(m, e));
							drain();
						});
						break;
					}
				}
				missed = this.wip.addAndGet(-missed);
				if (missed == 0) {
					return;
				}
			}
		}

		private void handle(Outcome outcome) {
			if (this.done) {
				return;
			}
			if (outcome.error() != null) {
				this.done = true;
				Throwable error = outcome.error();
				if (error instanceof CompletionException && error.getCause() != null) {
					error = error.getCause();
				}
				if (error instanceof StreamEndedException) {
					this.subscriber.onComplete();
				}
				else {
					this.subscriber.onError(error);
				}
				return;
			}
			this.demand.decrementAndGet();
			this.inFlight.set(false);
			this.subscriber.onNext(outcome.message());
		}

	}

	private record Outcome(Message message, Throwable error) {

	}

}

package io.github.seastreamer.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.seastreamer.BackendException;
import io.github.seastreamer.StreamEndedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The hand-over between a backend's I/O thread and callers of {@code next()}.
 */
class InboxTests {

	private static final long WAIT_SECONDS = 10;

	private final ExecutorService threads = Executors.newFixedThreadPool(8);

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	private static <T> T get(CompletableFuture<T> future) throws Exception {
		return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
	}

	private static Throwable failureOf(CompletableFuture<?> future) throws Exception {
		try {
			future.get(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		throw new AssertionError("expected " + future + " to fail");
	}

	@Test
	void itemsComeOutInTheOrderOffered() throws Exception {
		Inbox<Integer> inbox = new Inbox<>(200);
		for (int i = 0; i < 100; i++) {
			assertThat(inbox.offer(i)).isTrue();
		}
		assertThat(inbox.size()).isEqualTo(100);
		for (int i = 0; i < 100; i++) {
			assertThat(get(inbox.next())).isEqualTo(i);
		}
		assertThat(inbox.poll()).isNull();
	}

	@Test
	void waitersAreServedInTheOrderTheyAsked() throws Exception {
		Inbox<Integer> inbox = new Inbox<>(16);
		List<CompletableFuture<Integer>> waiters = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			waiters.add(inbox.next());
		}
		assertThat(waiters).allSatisfy((w) -> assertThat(w).isNotDone());
		for (int i = 0; i < 10; i++) {
			inbox.offer(i);
		}
		for (int i = 0; i < 10; i++) {
			assertThat(get(waiters.get(i))).isEqualTo(i);
		}
	}

	@Test
	void manyConcurrentCallersGetEveryItemExactlyOnce() throws Exception {
		Inbox<Integer> inbox = new Inbox<>(64);
		int items = 40_000;
		int callers = 4;
		Set<Integer> taken = ConcurrentHashMap.newKeySet();
		ConcurrentLinkedQueue<Integer> duplicates = new ConcurrentLinkedQueue<>();
		List<Future<?>> workers = new ArrayList<>();
		for (int c = 0; c < callers; c++) {
			workers.add(this.threads.submit(() -> {
				for (int i = 0; i < items / callers; i++) {
					Integer item = get(inbox.next());
					if (!taken.add(item)) {
						duplicates.add(item);
					}
				}
				return null;
			}));
		}
		Future<?> producer = this.threads.submit(() -> {
			for (int i = 0; i < items; i++) {
				inbox.put(i);
			}
			return null;
		});
		producer.get(WAIT_SECONDS, TimeUnit.SECONDS);
		for (Future<?> worker : workers) {
			worker.get(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		assertThat(duplicates).isEmpty();
		assertThat(taken).hasSize(items);
	}

	@Test
	void waiterCompletedByATimeoutReturnsItsItemSoNothingIsLost() throws Exception {
		List<Runnable> deliveries = new ArrayList<>();
		Inbox<String> inbox = new Inbox<>(4, deliveries::add);
		CompletableFuture<String> waiter = inbox.next();
		assertThat(inbox.offer("item")).isTrue();
		assertThat(deliveries).as("matched on the I/O side, completion handed to the delivery executor").hasSize(1);
		waiter.orTimeout(1, TimeUnit.MILLISECONDS);
		assertThat(failureOf(waiter)).isInstanceOf(TimeoutException.class);
		deliveries.forEach(Runnable::run);
		assertThat(get(inbox.next())).isEqualTo("item");
	}

	@Test
	void waiterTimedOutBeforeAnItemArrivesIsSkipped() throws Exception {
		Inbox<String> inbox = new Inbox<>(4);
		CompletableFuture<String> waiter = inbox.next().orTimeout(1, TimeUnit.MILLISECONDS);
		assertThat(failureOf(waiter)).isInstanceOf(TimeoutException.class);
		inbox.offer("item");
		assertThat(get(inbox.next())).isEqualTo("item");
	}

	@Test
	void closeDeliversBufferedItemsThenTheErrorOnceThenStreamEnded() throws Exception {
		Inbox<String> inbox = new Inbox<>(4);
		inbox.offer("a");
		inbox.offer("b");
		BackendException error = new BackendException("test", "connection lost");
		inbox.close(error);
		assertThat(inbox.isClosed()).isTrue();
		assertThat(inbox.offer("c")).as("nothing is accepted after close").isFalse();
		assertThat(get(inbox.next())).isEqualTo("a");
		assertThat(get(inbox.next())).isEqualTo("b");
		assertThat(failureOf(inbox.next())).isSameAs(error);
		Throwable later = failureOf(inbox.next());
		assertThat(later).isInstanceOf(StreamEndedException.class).hasCause(error);
		assertThat(later.getMessage()).contains("connection lost");
		assertThat(failureOf(inbox.next())).isInstanceOf(StreamEndedException.class);
	}

	@Test
	void closeFailsPendingWaiters() throws Exception {
		Inbox<String> inbox = new Inbox<>(4);
		CompletableFuture<String> first = inbox.next();
		CompletableFuture<String> second = inbox.next();
		inbox.close(new StreamEndedException("end of input"));
		assertThat(failureOf(first)).isInstanceOf(StreamEndedException.class).hasMessageContaining("end of input");
		assertThat(failureOf(second)).isInstanceOf(StreamEndedException.class);
		inbox.close(new BackendException("test", "ignored"));
		assertThat(failureOf(inbox.next())).isInstanceOf(StreamEndedException.class);
	}

	@Test
	void putWaitsForRoomAndFailsWhenClosed() throws Exception {
		Inbox<Integer> inbox = new Inbox<>(2);
		assertThat(inbox.offer(1)).isTrue();
		assertThat(inbox.offer(2)).isTrue();
		assertThat(inbox.offer(3)).as("full").isFalse();
		CompletableFuture<Boolean> put = CompletableFuture.supplyAsync(() -> {
			try {
				return inbox.put(3);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}, this.threads);
		assertThat(put).isNotDone();
		assertThat(get(inbox.next())).isEqualTo(1);
		assertThat(get(put)).isTrue();
		assertThat(get(inbox.next())).isEqualTo(2);
		assertThat(get(inbox.next())).isEqualTo(3);

		inbox.offer(4);
		inbox.offer(5);
		CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(() -> {
			try {
				return inbox.put(6);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return true;
			}
		}, this.threads);
		inbox.close(new StreamEndedException("closed"));
		assertThat(get(blocked)).as("put on a closed inbox drops the item and says so").isFalse();
	}

	@Test
	void whenSpaceCompletesOnceAnItemIsTaken() throws Exception {
		Inbox<Integer> inbox = new Inbox<>(2);
		assertThat(inbox.whenSpace()).isDone();
		inbox.offer(1);
		inbox.offer(2);
		CompletableFuture<Void> space = inbox.whenSpace();
		assertThat(space).isNotDone();
		assertThat(inbox.poll()).isEqualTo(1);
		get(space);
		inbox.offer(3);
		CompletableFuture<Void> closed = inbox.whenSpace();
		assertThat(closed).isNotDone();
		inbox.close(new StreamEndedException("closed"));
		get(closed);
	}

	@Test
	void callbacksOfAWaiterDoNotRunOnTheOfferingThread() throws Exception {
		Inbox<String> inbox = new Inbox<>(4);
		CompletableFuture<Thread> callbackThread = inbox.next().thenApply((item) -> Thread.currentThread());
		Thread offering = Thread.currentThread();
		inbox.offer("x");
		assertThat(get(callbackThread)).isNotSameAs(offering);
	}

	@Test
	void clearDropsBufferedItemsAndMakesRoom() throws Exception {
		Inbox<Integer> inbox = new Inbox<>(3);
		inbox.offer(1);
		inbox.offer(2);
		inbox.offer(3);
		assertThat(inbox.clear()).isEqualTo(3);
		assertThat(inbox.size()).isZero();
		assertThat(inbox.offer(4)).isTrue();
		assertThat(get(inbox.next())).isEqualTo(4);
	}

	@Test
	void capacityMustBePositive() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new Inbox<String>(0))
			.withMessageContaining("capacity must be at least 1");
		assertThat(new Inbox<String>(1).capacity()).isEqualTo(1);
	}

	@Test
	void inboxWithoutYieldsRegistersAWaiterAtOnceAndServesItFromTheNextOffer() throws Exception {
		Inbox<String> inbox = new Inbox<>(4, DeliveryExecutor.shared(), 0);
		CompletableFuture<String> waiter = inbox.next();
		assertThat(waiter).isNotDone();
		inbox.offer("x");
		assertThat(get(waiter)).isEqualTo("x");
		inbox.offer("y");
		assertThat(inbox.next()).isCompletedWithValue("y");
	}

	@Test
	void negativeYieldsAreRejected() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new Inbox<String>(4, DeliveryExecutor.shared(), -1))
			.withMessageContaining("yields must be at least 0");
	}

	@Test
	void capacityOfOneHoldsOneItem() throws Exception {
		Inbox<String> inbox = new Inbox<>(1);
		assertThat(inbox.offer("a")).isTrue();
		assertThat(inbox.offer("b")).isFalse();
		assertThat(get(inbox.next())).isEqualTo("a");
		await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> inbox.offer("b"));
	}

}

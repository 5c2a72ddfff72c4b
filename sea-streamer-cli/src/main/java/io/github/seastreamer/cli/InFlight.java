package io.github.seastreamer.cli;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.github.seastreamer.StreamTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Bounds the number of asynchronous operations (sends, commits) a command has started but
 * not seen complete, and remembers the first failure, so that a fast loop neither awaits
 * each future nor lets them pile up without limit.
 *
 * <p>
 * {@link #start} blocks the calling (command) thread while the bound is reached; futures
 * may complete on any thread. Safe for one starting thread and any completing threads.
 */
final class InFlight {

	private final int limit;

	private final Semaphore permits;

	private final AtomicReference<@Nullable Throwable> firstError = new AtomicReference<>();

	/**
	 * Create a tracker.
	 * @param limit the most operations in flight at once
	 */
	InFlight(int limit) {
		this.limit = limit;
		this.permits = new Semaphore(limit);
	}

	/**
	 * Start one operation once fewer than the limit are in flight.
	 * @param <T> the result type
	 * @param operation starts the operation
	 * @return the operation's future
	 * @throws InterruptedException if interrupted while waiting for room
	 */
	<T> CompletableFuture<T> start(Supplier<CompletableFuture<T>> operation) throws InterruptedException {
		this.permits.acquire();
		CompletableFuture<T> future;
		try {
			future = operation.get();
		}
		catch (RuntimeException ex) {
			this.permits.release();
			throw ex;
		}
		future.whenComplete((result, error) -> {
			if (error != null) {
				this.firstError.compareAndSet(null, error);
			}
			this.permits.release();
		});
		return future;
	}

	/**
	 * The first failure seen so far, if any.
	 * @return the failure
	 */
	@Nullable Throwable firstError() {
		return this.firstError.get();
	}

	/**
	 * Throw the first failure seen so far, if any.
	 */
	void throwIfFailed() {
		Throwable error = this.firstError.get();
		if (error != null) {
			throw Errors.unchecked(error);
		}
	}

	/**
	 * Wait until every started operation completed, then throw the first failure if any.
	 * @param timeout the longest wait
	 * @throws InterruptedException if interrupted
	 * @throws StreamTimeoutException if operations are still pending after the timeout
	 */
	void awaitAll(Duration timeout) throws InterruptedException {
		if (!this.permits.tryAcquire(this.limit, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
			throw new StreamTimeoutException((this.limit - this.permits.availablePermits())
					+ " operations still pending after " + timeout.toSeconds() + " s");
		}
		this.permits.release(this.limit);
		throwIfFailed();
	}

}

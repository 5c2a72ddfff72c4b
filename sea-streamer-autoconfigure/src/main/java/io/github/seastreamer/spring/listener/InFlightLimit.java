package io.github.seastreamer.spring.listener;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * The bound on a container's messages in flight: taken from the consumer and not yet
 * completed. Cheaper than a {@link java.util.concurrent.Semaphore} on the hot path: one
 * thread (the container's reader) takes, in bulk; any thread releases, in bulk, with one
 * atomic add and, only when someone waits, an unpark.
 * <p>
 * Thread-safe. {@link #awaitRoom} is called by the reader only, {@link #awaitIdle} by the
 * thread that shuts the container down; both wait (bounded by their timeout).
 */
final class InFlightLimit {

	private final int max;

	private final AtomicInteger used = new AtomicInteger();

	private volatile @Nullable Thread roomWaiter;

	private volatile @Nullable Thread idleWaiter;

	InFlightLimit(int max) {
		if (max < 1) {
			throw new IllegalArgumentException("the in-flight limit must be at least 1, not " + max);
		}
		this.max = max;
	}

	/**
	 * How many are in flight.
	 */
	int used() {
		return this.used.get();
	}

	/**
	 * How many more may be taken now; can only grow until the reader takes more.
	 */
	int room() {
		return Math.max(0, this.max - this.used.get());
	}

	/**
	 * Take {@code count} (the reader saw that much {@link #room()}).
	 */
	void take(int count) {
		this.used.getAndAdd(count);
	}

	/**
	 * Release what completed, waking a waiter if there is one.
	 */
	void release(int count) {
		int now = this.used.addAndGet(-count);
		Thread waiter = this.roomWaiter;
		if (waiter != null) {
			LockSupport.unpark(waiter);
		}
		waiter = this.idleWaiter;
		if (waiter != null && now == 0) {
			LockSupport.unpark(waiter);
		}
	}

	/**
	 * Wait until there is room for one more (which stays free until the reader takes it,
	 * as only the reader takes).
	 * @param timeout the longest wait
	 * @param unit its unit
	 * @return whether there is room
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean awaitRoom(long timeout, TimeUnit unit) throws InterruptedException {
		if (this.used.get() < this.max) {
			return true;
		}
		this.roomWaiter = Thread.currentThread();
		try {
			return await(this.max - 1, unit.toNanos(timeout));
		}
		finally {
			this.roomWaiter = null;
		}
	}

	/**
	 * Wait until nothing is in flight.
	 * @param timeout the longest wait
	 * @param unit its unit
	 * @return whether nothing is in flight
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
		this.idleWaiter = Thread.currentThread();
		try {
			return await(0, unit.toNanos(timeout));
		}
		finally {
			this.idleWaiter = null;
		}
	}

	/**
	 * Park until at most {@code atMost} are in flight; the caller has published itself as
	 * a waiter first, so a release after the check unparks it.
	 */
	private boolean await(int atMost, long timeoutNanos) throws InterruptedException {
		long deadline = System.nanoTime() + timeoutNanos;
		while (this.used.get() > atMost) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			LockSupport.parkNanos(this, left);
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
		}
		return true;
	}

}

package io.github.seastreamer.spi;

import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jctools.queues.MpmcArrayQueue;
import org.jspecify.annotations.Nullable;

import io.github.seastreamer.StreamEndedException;

/**
 * The bounded hand-over between a backend's I/O thread and the callers of
 * {@code Consumer.next()}.
 *
 * <p>
 * The I/O side {@link #offer offers} or {@link #put puts} items; callers take them with
 * {@link #next()}, which returns an already completed future when an item is buffered and
 * otherwise registers a waiter. The hot path takes no lock: items go through a lock-free
 * array queue, waiters through a lock-free linked queue, and a work-in-progress counter
 * makes one thread at a time match waiters with items. A waiter matched on the I/O side
 * is completed on the delivery executor, so user callbacks never run on an I/O thread.
 *
 * <p>
 * Back-pressure: the queue holds at most {@link #capacity()} items. {@link #put} blocks
 * the I/O thread until there is room; asynchronous loops use {@link #whenSpace()}
 * instead.
 *
 * <p>
 * {@link #close(Throwable)} ends the inbox: buffered items are still delivered, then the
 * first caller gets the given error and later callers a {@link StreamEndedException}. A
 * waiter that was completed by someone else (a timeout through {@code orTimeout}) returns
 * its item to the inbox, so nothing is lost; that item may then be delivered after items
 * other callers took meanwhile, so order is only kept for calls that are not abandoned.
 *
 * @param <T> the item type
 */
public final class Inbox<T> {

	private final MpmcArrayQueue<T> items;

	private final ConcurrentLinkedQueue<T> returned = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<CompletableFuture<T>> waiters = new ConcurrentLinkedQueue<>();

	private final AtomicInteger wip = new AtomicInteger();

	/**
	 * How many times {@link #next()} yields the processor, looking for an item, before it
	 * registers a waiter; system property {@code seastreamer.inbox.yields} (default 200,
	 * 0 to register at once).
	 */
	private static final int YIELDS = Math.max(0, Integer.getInteger("seastreamer.inbox.yields", 200));

	private final int capacity;

	private final int yields;

	private final boolean exactBound;

	private final Executor deliveryExecutor;

	private final AtomicReference<@Nullable CompletableFuture<Void>> spaceFuture = new AtomicReference<>();

	private final AtomicBoolean terminalDelivered = new AtomicBoolean();

	private final Object spaceMonitor = new Object();

	private volatile boolean producerWaiting;

	private volatile @Nullable Throwable terminal;

	/**
	 * Create an inbox delivering on the shared delivery executor.
	 * @param capacity the most items buffered, at least 1
	 */
	public Inbox(int capacity) {
		this(capacity, DeliveryExecutor.shared());
	}

	/**
	 * Create an inbox.
	 * @param capacity the most items buffered, at least 1
	 * @param deliveryExecutor where waiters matched on the I/O side are completed
	 */
	public Inbox(int capacity, Executor deliveryExecutor) {
		this(capacity, deliveryExecutor, YIELDS);
	}

	/**
	 * Create an inbox that yields the processor a given number of times in
	 * {@link #next()} before registering a waiter. Yielding pays off when the offering
	 * thread has a processor of its own (a pipe between processes); it costs when the
	 * chain that feeds the inbox needs more busy threads than there are free processors
	 * (a Redis consumer: the server and the client's event loop), because the spinning
	 * caller takes processor time from them.
	 * @param capacity the most items buffered, at least 1
	 * @param deliveryExecutor where waiters matched on the I/O side are completed
	 * @param yields how many times {@link #next()} yields before registering a waiter, 0
	 * to register at once
	 */
	public Inbox(int capacity, Executor deliveryExecutor, int yields) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
		}
		if (yields < 0) {
			throw new IllegalArgumentException("yields must be at least 0, was " + yields);
		}
		this.capacity = capacity;
		this.yields = yields;
		this.items = new MpmcArrayQueue<>(Math.max(2, capacity));
		this.exactBound = this.items.capacity() != capacity;
		this.deliveryExecutor = deliveryExecutor;
	}

	/**
	 * The most items buffered.
	 * @return the capacity
	 */
	public int capacity() {
		return this.capacity;
	}

	/**
	 * The number of items buffered now.
	 * @return the size
	 */
	public int size() {
		return this.items.size() + this.returned.size();
	}

	/**
	 * Whether {@link #close(Throwable)} was called.
	 * @return {@code true} if closed
	 */
	public boolean isClosed() {
		return this.terminal != null;
	}

	/**
	 * Offer an item without waiting.
	 * @param item the item
	 * @return {@code false} if the inbox is full or closed
	 */
	public boolean offer(T item) {
		if (this.terminal != null || (this.exactBound && this.items.size() >= this.capacity)
				|| !this.items.offer(item)) {
			return false;
		}
		// The store of the item must be visible before we look for waiters, and a caller
		// registering a waiter looks for items after registering: with the fence, one of
		// the two sides always sees the other, so the matching work is skipped when
		// nobody
		// waits.
		VarHandle.fullFence();
		if (!this.waiters.isEmpty()) {
			drain(true);
		}
		return true;
	}

	/**
	 * Put an item, waiting for room.
	 * @param item the item
	 * @return {@code false} if the inbox was closed (the item is dropped)
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean put(T item) throws InterruptedException {
		while (!offer(item)) {
			if (this.terminal != null) {
				return false;
			}
			synchronized (this.spaceMonitor) {
				this.producerWaiting = true;
				if (this.terminal == null && this.items.size() >= this.capacity) {
					this.spaceMonitor.wait(TimeUnit.MILLISECONDS.toMillis(50));
				}
				this.producerWaiting = false;
			}
		}
		return true;
	}

	/**
	 * A future completed when there is room for at least one item (or the inbox is
	 * closed), for I/O loops that must not block. When the inbox is full, the future
	 * completes once half of it has drained, so that a loop wakes once per half buffer
	 * rather than once per item taken.
	 * @return the future
	 */
	public CompletableFuture<Void> whenSpace() {
		if (this.terminal != null || size() < this.capacity) {
			return CompletableFuture.completedFuture(null);
		}
		CompletableFuture<Void> future = this.spaceFuture
			.updateAndGet((f) -> (f != null) ? f : new CompletableFuture<>());
		if (this.terminal != null || size() <= this.capacity / 2) {
			signalSpace();
		}
		return future;
	}

	/**
	 * The next item.
	 * @return a future of the next item; fails once the inbox is closed and empty
	 */
	public CompletableFuture<T> next() {
		// Before registering a waiter (which costs a hand-over through the delivery
		// executor and two thread wake-ups), yield the processor a few times: the I/O
		// thread is usually about to offer the next item.
		for (int attempt = 0; attempt <= this.yields && this.waiters.isEmpty(); attempt++) {
			T item = poll();
			if (item != null) {
				return CompletableFuture.completedFuture(item);
			}
			if (this.terminal != null) {
				break;
			}
			if (attempt < this.yields) {
				Thread.yield();
			}
		}
		CompletableFuture<T> waiter = new CompletableFuture<>();
		this.waiters.offer(waiter);
		drain(false);
		return waiter;
	}

	/**
	 * Take an item if one is buffered, without waiting.
	 * @return the item, or {@code null}
	 */
	public @Nullable T poll() {
		T item = this.returned.poll();
		if (item == null) {
			item = this.items.poll();
		}
		if (item != null) {
			signalSpace();
		}
		return item;
	}

	/**
	 * Drop every buffered item (after a seek or rewind).
	 * @return how many were dropped
	 */
	public int clear() {
		int dropped = 0;
		while (this.returned.poll() != null || this.items.poll() != null) {
			dropped++;
		}
		signalSpace();
		return dropped;
	}

	/**
	 * End the inbox: buffered items are still delivered, then the error (once), then
	 * {@link StreamEndedException}. Later calls are ignored.
	 * @param error why it ended; a {@link StreamEndedException} for a normal end
	 */
	public void close(Throwable error) {
		if (this.terminal == null) {
			synchronized (this) {
				if (this.terminal == null) {
					this.terminal = error;
				}
			}
		}
		signalSpace();
		drain(true);
	}

	private Throwable terminalError() {
		Throwable error = this.terminal;
		if (error == null) {
			error = new StreamEndedException("closed");
		}
		if (error instanceof StreamEndedException || this.terminalDelivered.compareAndSet(false, true)) {
			return error;
		}
		return new StreamEndedException("stream ended after an error: " + error.getMessage(), error);
	}

	private void signalSpace() {
		// A blocked producer is woken once half the buffer has drained, not for every
		// item
		// taken: one wake-up then carries half a buffer of items.
		if (this.producerWaiting && (this.terminal != null || size() <= this.capacity / 2)) {
			synchronized (this.spaceMonitor) {
				this.spaceMonitor.notifyAll();
			}
		}
		CompletableFuture<Void> future = this.spaceFuture.get();
		if (future != null && (this.terminal != null || size() <= this.capacity / 2)
				&& this.spaceFuture.compareAndSet(future, null)) {
			future.complete(null);
		}
	}

	private void drain(boolean fromIo) {
		if (this.wip.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		while (true) {
			while (true) {
				CompletableFuture<T> waiter = this.waiters.peek();
				if (waiter == null) {
					break;
				}
				if (waiter.isDone()) {
					this.waiters.poll();
					continue;
				}
				T item = poll();
				if (item == null) {
					if (this.terminal != null) {
						this.waiters.poll();
						Throwable error = terminalError();
						if (fromIo) {
							this.deliveryExecutor.execute(() -> waiter.completeExceptionally(error));
						}
						else {
							waiter.completeExceptionally(error);
						}
						continue;
					}
					break;
				}
				this.waiters.poll();
				if (fromIo) {
					this.deliveryExecutor.execute(() -> complete(waiter, item));
				}
				else if (!waiter.complete(item)) {
					this.returned.offer(item);
				}
			}
			missed = this.wip.addAndGet(-missed);
			if (missed == 0) {
				break;
			}
		}
	}

	private void complete(CompletableFuture<T> waiter, T item) {
		if (!waiter.complete(item)) {
			this.returned.offer(item);
			drain(true);
		}
	}

}

package io.github.seastreamer.kafka;

import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamEndedException;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.spi.Inbox;

/**
 * The hand-over between a Kafka consumer's poll thread and the callers of {@code next()}
 * and {@code poll()}: the poll thread hands over whole batches (the records of one
 * partition from one poll) through a bounded {@link Inbox}, and each {@link Message} is
 * built on the caller's thread as it is taken, so that the poll thread does no work per
 * record beyond what the Kafka client itself does.
 *
 * <p>
 * Threading: {@link #offer}, {@link #takeAll} and {@link #close} are called by the poll
 * thread only; {@link #next()} and {@link #poll()} by any thread. The caller-side cursor
 * (the batch being taken and the index in it) is touched by one thread at a time: the one
 * holding a work-in-progress counter, taken with one compare-and-set per message and
 * never waited for by callers (a caller that finds it held registers a waiter, which the
 * holder serves before letting go). Order within a batch and across batches is the order
 * of offering. A waiter matched on the poll thread is completed on the delivery executor;
 * if it was abandoned meanwhile (a timeout, a cancellation), its message is given back
 * and is the next one taken, so nothing is lost.
 *
 * <p>
 * Bound: at most {@code limit} records are buffered, plus at most one batch (the one
 * whose offer crossed the limit); {@link #offer} returns {@code false} once the limit is
 * reached and the poll thread keeps what it has (and pauses its partitions).
 */
final class RecordHandOver {

	private static final byte[] EMPTY = new byte[0];

	/**
	 * How many times {@link #next()} yields the processor before it registers a waiter;
	 * system property {@code seastreamer.kafka.consumer.yields}. Default 0: a caller
	 * waits at most about once per batch (not per message), and on a small machine a
	 * spinning caller takes processor time from the poll thread and the broker. On the
	 * shared 2-core machine the bench could not tell 0 and 200 apart (three series of 5
	 * to 8 alternating runs: medians 0.58/0.75, 0.87/0.80 and 0.74/0.93 for 200/0).
	 */
	private static final int SPINS = 100;

	static final int YIELDS = Math.max(0, Integer.getInteger("seastreamer.kafka.consumer.yields", 0));

	private final Inbox<Batch> batches;

	private final ConcurrentLinkedQueue<Message> returned = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<CompletableFuture<Message>> waiters = new ConcurrentLinkedQueue<>();

	private final AtomicInteger wip = new AtomicInteger();

	/** Records offered and not yet taken, counted per batch (never per message). */
	private final AtomicLong buffered = new AtomicLong();

	private final AtomicBoolean terminalDelivered = new AtomicBoolean();

	private final int limit;

	private final Executor deliveryExecutor;

	private final int yields;

	private final Runnable onSpace;

	/** Set by the poll thread when an offer was refused for the limit. */
	private volatile boolean spaceWanted;

	private volatile @Nullable Throwable terminal;

	// the cursor, touched only by the thread holding wip

	private @Nullable Batch current;

	private int index;

	private long lastMillis = -1;

	private Instant lastTime = Instant.EPOCH;

	/**
	 * Create a hand-over.
	 * @param limit the most records buffered (one batch may cross it), at least 1
	 * @param deliveryExecutor where waiters matched on the poll thread are completed
	 */
	RecordHandOver(int limit, Executor deliveryExecutor) {
		this(limit, deliveryExecutor, YIELDS, () -> {
		});
	}

	/**
	 * Create a hand-over.
	 * @param limit the most records buffered (one batch may cross it), at least 1
	 * @param deliveryExecutor where waiters matched on the poll thread are completed
	 * @param yields how many times {@link #next()} yields the processor, looking for a
	 * message, before it registers a waiter; 0 to register at once
	 * @param onSpace run on a caller's thread, once, when an offer was refused for the
	 * limit and half of the records buffered then have been taken since (to wake the poll
	 * thread rather than let it find out at its next turn); must not block
	 */
	RecordHandOver(int limit, Executor deliveryExecutor, int yields, Runnable onSpace) {
		this.onSpace = onSpace;
		if (yields < 0) {
			throw new IllegalArgumentException("yields must be at least 0, was " + yields);
		}
		this.yields = yields;
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1, was " + limit);
		}
		this.limit = limit;
		this.deliveryExecutor = deliveryExecutor;
		// every batch holds at least one record, so the inbox never limits before the
		// record count does
		this.batches = new Inbox<>(limit, deliveryExecutor, 0);
	}

	/**
	 * Hand over a batch (poll thread only).
	 * @param batch a batch of at least one record
	 * @return {@code false} if the limit is reached or the hand-over is closed; the batch
	 * is then not taken
	 */
	boolean offer(Batch batch) {
		if (this.terminal != null) {
			return false;
		}
		if (this.buffered.get() >= this.limit) {
			this.spaceWanted = true;
			return false;
		}
		int size = batch.size();
		this.buffered.addAndGet(size);
		if (!this.batches.offer(batch)) {
			this.buffered.addAndGet(-size);
			return false;
		}
		// the batch must be visible before we look for waiters, and a caller registering
		// a waiter looks for batches after registering: one side always sees the other
		VarHandle.fullFence();
		if (!this.waiters.isEmpty()) {
			drain(true);
		}
		return true;
	}

	/**
	 * The number of records buffered now (batches not yet fully taken count whole).
	 * @return the count
	 */
	long buffered() {
		return this.buffered.get() + this.returned.size();
	}

	/**
	 * The next message: completed at once when one is buffered, otherwise when one
	 * arrives; fails once the hand-over is closed and empty.
	 * @return a future of the next message
	 */
	CompletableFuture<Message> next() {
		// Before registering a waiter (a hand-over through the delivery executor and two
		// thread wake-ups), optionally yield the processor a few times (see YIELDS).
		for (int attempt = 0; attempt <= this.yields && this.waiters.isEmpty(); attempt++) {
			// wip is held for one take or one round of matching: wait that out briefly
			// rather than register a waiter served through the delivery executor
			for (int spin = 0; spin < SPINS && this.wip.get() != 0; spin++) {
				Thread.onSpinWait();
			}
			if (this.wip.compareAndSet(0, 1)) {
				Message message;
				try {
					message = take();
				}
				finally {
					release(false);
				}
				if (message != null) {
					return CompletableFuture.completedFuture(message);
				}
			}
			if (this.terminal != null) {
				break;
			}
			if (attempt < this.yields) {
				Thread.yield();
			}
		}
		CompletableFuture<Message> waiter = new CompletableFuture<>();
		this.waiters.offer(waiter);
		drain(false);
		return waiter;
	}

	/**
	 * A buffered message, without waiting; {@code null} when none is buffered, when
	 * callers are waiting in {@link #next()} (they come first), or when another thread is
	 * taking at this moment.
	 * @return a message or {@code null}
	 */
	@Nullable Message poll() {
		if (!this.waiters.isEmpty() || !this.wip.compareAndSet(0, 1)) {
			return null;
		}
		try {
			return take();
		}
		finally {
			release(false);
		}
	}

	/**
	 * Take everything buffered (poll thread only, for a seek, rewind, unassignment or
	 * revocation): the messages given back by abandoned calls, then the rest of every
	 * batch, in delivery order. Waits (yielding) while a caller is taking one message.
	 * @return what was buffered
	 */
	Taken takeAll() {
		while (!this.wip.compareAndSet(0, 1)) {
			Thread.yield();
		}
		try {
			List<Message> messages = new ArrayList<>();
			Message message;
			while ((message = this.returned.poll()) != null) {
				messages.add(message);
			}
			List<Batch> rest = new ArrayList<>();
			Batch batch = this.current;
			if (batch != null && this.index < batch.end) {
				rest.add(batch.from(this.index));
			}
			this.current = null;
			while ((batch = this.batches.poll()) != null) {
				rest.add(batch);
			}
			this.buffered.set(0);
			this.spaceWanted = false;
			return new Taken(messages, rest);
		}
		finally {
			release(true);
		}
	}

	/**
	 * Put back messages taken by {@link #takeAll()} that stay valid (poll thread only);
	 * they are delivered before any batch.
	 * @param messages the messages, in delivery order
	 */
	void restore(List<Message> messages) {
		if (messages.isEmpty()) {
			return;
		}
		this.returned.addAll(messages);
		VarHandle.fullFence();
		if (!this.waiters.isEmpty()) {
			drain(true);
		}
	}

	/**
	 * End the hand-over: buffered messages are still delivered, then the error (once),
	 * then {@link StreamEndedException}. Later calls are ignored.
	 * @param error why it ended; a {@link StreamEndedException} for a normal end
	 */
	void close(Throwable error) {
		synchronized (this) {
			if (this.terminal == null) {
				this.terminal = error;
			}
		}
		this.batches.close(error);
		drain(true);
	}

	/** The next message; the caller holds wip. */
	private @Nullable Message take() {
		Message message = this.returned.poll();
		if (message != null) {
			return message;
		}
		Batch batch = this.current;
		while (true) {
			if (batch != null) {
				int i = this.index;
				if (i < batch.end) {
					this.index = i + 1;
					if (i + 1 == batch.end) {
						this.current = null;
						long left = this.buffered.addAndGet(-batch.size());
						if (this.spaceWanted && left <= this.limit / 2) {
							this.spaceWanted = false;
							this.onSpace.run();
						}
					}
					return build(batch, i);
				}
			}
			batch = this.batches.poll();
			if (batch == null) {
				return null;
			}
			this.current = batch;
			this.index = batch.start;
		}
	}

	private Message build(Batch batch, int i) {
		ConsumerRecord<byte[], byte[]> record = batch.records.get(i);
		// records of one millisecond share one Instant (a producer writes hundreds per
		// ms)
		long millis = Math.max(0, record.timestamp());
		if (millis != this.lastMillis) {
			this.lastMillis = millis;
			this.lastTime = Instant.ofEpochMilli(millis);
		}
		MessageHeader header = new MessageHeader(batch.key, batch.shard, record.offset(), this.lastTime);
		byte[] value = record.value();
		byte[] payload = (value != null) ? value : EMPTY;
		Header[] headers = record.headers().toArray();
		return (headers.length == 0) ? Message.of(header, payload)
				: Message.of(header, payload, 0, payload.length, attributes(headers));
	}

	/**
	 * A record's headers as message attributes (what {@code sendTo} with attributes
	 * wrote, a trace context among them): values decoded as UTF-8, a later header of the
	 * same name winning, a null value read as empty.
	 */
	static Map<String, String> attributes(Header[] headers) {
		Map<String, String> attributes = new LinkedHashMap<>();
		for (Header h : headers) {
			byte[] bytes = h.value();
			attributes.put(h.key(), (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : "");
		}
		return attributes;
	}

	/** Let go of wip after one take, serving the waiters that came meanwhile. */
	private void release(boolean fromPollThread) {
		int missed = this.wip.decrementAndGet();
		if (missed != 0) {
			drainLoop(fromPollThread, missed);
		}
	}

	private void drain(boolean fromPollThread) {
		if (this.wip.getAndIncrement() != 0) {
			return;
		}
		drainLoop(fromPollThread, 1);
	}

	/**
	 * Serve waiters until nobody else asked meanwhile. On the poll thread, the waiters'
	 * completions are handed to the delivery executor only once this thread has let go of
	 * wip: the delivery thread it wakes often preempts it on its processor, and a caller
	 * coming back for the next message while this thread, descheduled, still held wip
	 * would have to wait for it (one more hand-over per message).
	 */
	private void drainLoop(boolean fromPollThread, int held) {
		List<Runnable> deferred = fromPollThread ? new ArrayList<>(2) : null;
		int missed = held;
		while (true) {
			matchWaiters(deferred);
			missed = this.wip.addAndGet(-missed);
			if (missed == 0) {
				break;
			}
		}
		if (deferred != null) {
			for (Runnable completion : deferred) {
				this.deliveryExecutor.execute(completion);
			}
		}
	}

	private void matchWaiters(@Nullable List<Runnable> deferred) {
		while (true) {
			CompletableFuture<Message> waiter = this.waiters.peek();
			if (waiter == null) {
				return;
			}
			if (waiter.isDone()) {
				this.waiters.poll();
				continue;
			}
			Message message = take();
			if (message == null) {
				if (this.terminal == null) {
					return;
				}
				this.waiters.poll();
				Throwable error = terminalError();
				if (deferred != null) {
					deferred.add(() -> waiter.completeExceptionally(error));
				}
				else {
					waiter.completeExceptionally(error);
				}
				continue;
			}
			this.waiters.poll();
			if (deferred != null) {
				deferred.add(() -> complete(waiter, message));
			}
			else if (!waiter.complete(message)) {
				this.returned.offer(message);
			}
		}
	}

	private void complete(CompletableFuture<Message> waiter, Message message) {
		if (!waiter.complete(message)) {
			// abandoned meanwhile: give it back, it is the next one taken
			this.returned.offer(message);
			drain(false);
		}
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

	/**
	 * The records of one partition from one poll, from {@code start} on; immutable.
	 */
	static final class Batch {

		final StreamKey key;

		final ShardId shard;

		final List<ConsumerRecord<byte[], byte[]>> records;

		final int start;

		final int end;

		Batch(StreamKey key, ShardId shard, List<ConsumerRecord<byte[], byte[]>> records) {
			this(key, shard, records, 0);
		}

		private Batch(StreamKey key, ShardId shard, List<ConsumerRecord<byte[], byte[]>> records, int start) {
			if (start >= records.size()) {
				throw new IllegalArgumentException("a batch needs at least one record");
			}
			this.key = key;
			this.shard = shard;
			this.records = records;
			this.start = start;
			this.end = records.size();
		}

		int size() {
			return this.end - this.start;
		}

		/** The offset of the first record not yet taken. */
		long firstOffset() {
			return this.records.get(this.start).offset();
		}

		TopicPartition partition() {
			return new TopicPartition(this.key.name(), (int) this.shard.id());
		}

		Batch from(int index) {
			return new Batch(this.key, this.shard, this.records, index);
		}

	}

	/**
	 * What {@link #takeAll()} took: messages given back by abandoned calls, then the rest
	 * of the batches, both in delivery order.
	 */
	record Taken(List<Message> messages, List<Batch> batches) {

	}

}

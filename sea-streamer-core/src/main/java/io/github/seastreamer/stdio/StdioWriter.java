package io.github.seastreamer.stdio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscUnboundedArrayQueue;
import org.jspecify.annotations.Nullable;

import io.github.seastreamer.BackendException;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.ProducerEndedException;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.Timestamps;
import io.github.seastreamer.spi.DeliveryExecutor;

/**
 * The stdout writer: one daemon thread per connection generation that prints every send
 * as {@code [YYYY-MM-DDTHH:MM:SS | key | seq] payload}.
 *
 * <p>
 * Producers hand requests over through a lock-free multi-producer queue (unbounded: a
 * send never blocks) and wake the thread only when it sleeps. The thread formats lines
 * into a 64 KiB buffer and writes it out when the next line does not fit or when the
 * queue is momentarily empty, so a busy pipe gets large writes and an idle one gets its
 * lines at once; writes end at a line boundary (except for a line longer than the
 * buffer). Receipts complete once their line has been written out; they, and
 * {@code flush()} futures, are completed in order on the delivery executor, never on this
 * thread.
 *
 * <p>
 * {@link #shutdown()} stops accepting sends, prints what is queued, and stops the thread;
 * the next writer waits for it before touching the shared per-key sequence table.
 */
final class StdioWriter implements Runnable {

	private static final int BUFFER_SIZE = 64 * 1024;

	private static final long PARK_NANOS = 100_000_000L;

	private static final int SECONDS_LENGTH = 19;

	private static final Object STOP = new Object();

	private static final byte[] SEPARATOR = " | ".getBytes(StandardCharsets.US_ASCII);

	private final StdioWorld world;

	private final OutputStream out;

	private final CompletableFuture<Void> previousStopped;

	private final MessagePassingQueue<Object> queue = new MpscUnboundedArrayQueue<>(1024);

	private final Thread thread;

	private final AtomicInteger senders = new AtomicInteger();

	private final AtomicBoolean closing = new AtomicBoolean();

	private final CompletableFuture<Void> stopped = new CompletableFuture<>();

	private final CompletableFuture<Void> disconnected = new CompletableFuture<>();

	private final SerialCompletions completions = new SerialCompletions(DeliveryExecutor.shared());

	private final StdioDispatcher loopback;

	private volatile boolean sleeping;

	private volatile @Nullable Throwable failure;

	// ---- state confined to the writer thread ----

	private final byte[] buffer = new byte[BUFFER_SIZE];

	private int position;

	private Completion[] pending = new Completion[256];

	private int pendingCount;

	private long cachedSecond = Long.MIN_VALUE;

	private final byte[] secondBytes = new byte[SECONDS_LENGTH];

	private @Nullable OutputKey lastKey;

	StdioWriter(StdioWorld world, CompletableFuture<Void> previousStopped, int number) {
		this.world = world;
		this.out = world.out();
		this.previousStopped = previousStopped;
		this.loopback = new StdioDispatcher(world);
		this.thread = new Thread(this, "seastreamer-stdio-writer-" + number);
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	/**
	 * Completed on the writer thread once it has stopped; internal (the next writer waits
	 * for it), never handed to users.
	 */
	CompletableFuture<Void> stopped() {
		return this.stopped;
	}

	/**
	 * Queue a send.
	 * @param key the stream key
	 * @param payload the payload, valid UTF-8, not copied
	 * @param loopback whether to deliver the printed message to this process's consumers
	 * @return the receipt: the printed header, completed once written out
	 */
	CompletableFuture<MessageHeader> send(StreamKey key, byte[] payload, boolean loopback) {
		SendRequest request = new SendRequest(key, payload, loopback);
		SeaStreamerException refused = submit(request);
		return (refused != null) ? CompletableFuture.failedFuture(refused) : request;
	}

	/**
	 * Queue a flush.
	 * @return a future completed once everything queued before is written and the output
	 * flushed
	 */
	CompletableFuture<Void> flush() {
		FlushRequest request = new FlushRequest();
		SeaStreamerException refused = submit(request);
		return (refused != null) ? CompletableFuture.failedFuture(refused) : request;
	}

	boolean isClosing() {
		return this.closing.get();
	}

	private @Nullable SeaStreamerException submit(Object request) {
		this.senders.incrementAndGet();
		try {
			if (this.closing.get()) {
				return new ProducerEndedException(
						"stdio: the streamer was disconnected; connect again and create a new producer");
			}
			Throwable failed = this.failure;
			if (failed != null) {
				return writeError(failed);
			}
			this.queue.offer(request);
		}
		finally {
			this.senders.decrementAndGet();
		}
		if (this.sleeping) {
			LockSupport.unpark(this.thread);
		}
		return null;
	}

	/**
	 * Stop accepting sends, print what is queued, stop the thread.
	 * @return a future completed (on the delivery executor) once stopped and every
	 * receipt completed
	 */
	CompletableFuture<Void> shutdown() {
		if (this.closing.compareAndSet(false, true)) {
			// a send that saw closing == false is inside submit(): let it enqueue first,
			// so that nothing lands behind STOP unanswered
			while (this.senders.get() != 0) {
				Thread.yield();
			}
			this.queue.offer(STOP);
			LockSupport.unpark(this.thread);
		}
		return this.disconnected;
	}

	@Override
	public void run() {
		try {
			this.previousStopped.join();
			loop();
		}
		catch (RuntimeException | Error ex) {
			this.failure = ex;
			this.world.report("standard output writer failed: " + ex);
			// sends that did not see the failure are inside submit(): let them enqueue,
			// then answer everything queued
			while (this.senders.get() != 0) {
				Thread.yield();
			}
			failPendingAndQueued();
		}
		finally {
			this.pendingAdd(() -> this.disconnected.complete(null));
			handOver();
			this.stopped.complete(null);
		}
	}

	private void loop() {
		while (true) {
			Object item = this.queue.relaxedPoll();
			if (item == null) {
				writeOut(true);
				handOver();
				this.sleeping = true;
				if (this.queue.isEmpty()) {
					LockSupport.parkNanos(this, PARK_NANOS);
				}
				this.sleeping = false;
				continue;
			}
			if (item == STOP) {
				writeOut(true);
				return;
			}
			if (item instanceof SendRequest send) {
				print(send);
			}
			else if (item instanceof FlushRequest flush) {
				writeOut(true);
				Throwable failed = this.failure;
				if (failed != null) {
					flush.error = writeError(failed);
				}
				pendingAdd(flush);
				handOver();
			}
		}
	}

	private void print(SendRequest send) {
		Throwable failed = this.failure;
		if (failed != null) {
			send.error = writeError(failed);
			pendingAdd(send);
			return;
		}
		Instant now = Instant.now();
		OutputKey key = outputKey(send.key);
		long sequence = key.next++;
		MessageHeader header = new MessageHeader(send.key, ShardId.ZERO, sequence, now);
		send.receipt = header;
		byte[] payload = send.payload;
		int headerLength = 1 + SECONDS_LENGTH + 3 + key.ascii.length + 3 + 20 + 2;
		int needed = headerLength + payload.length + 1;
		if (BUFFER_SIZE - this.position < needed) {
			writeOut(false);
		}
		putHeader(now, key, sequence);
		if (needed <= BUFFER_SIZE) {
			System.arraycopy(payload, 0, this.buffer, this.position, payload.length);
			this.position += payload.length;
		}
		else {
			writeOut(false);
			writeDirect(payload);
		}
		this.buffer[this.position++] = '\n';
		Throwable failedNow = this.failure;
		if (failedNow != null) {
			send.error = writeError(failedNow);
		}
		pendingAdd(send);
		if (failedNow == null && send.loopback) {
			this.loopback.deliverPrinted(header, payload);
		}
	}

	private void putHeader(Instant now, OutputKey key, long sequence) {
		long second = now.getEpochSecond();
		if (second != this.cachedSecond) {
			byte[] text = Timestamps.formatSeconds(now).getBytes(StandardCharsets.US_ASCII);
			System.arraycopy(text, 0, this.secondBytes, 0, SECONDS_LENGTH);
			this.cachedSecond = second;
		}
		byte[] buf = this.buffer;
		int p = this.position;
		buf[p++] = '[';
		System.arraycopy(this.secondBytes, 0, buf, p, SECONDS_LENGTH);
		p += SECONDS_LENGTH;
		System.arraycopy(SEPARATOR, 0, buf, p, 3);
		p += 3;
		System.arraycopy(key.ascii, 0, buf, p, key.ascii.length);
		p += key.ascii.length;
		System.arraycopy(SEPARATOR, 0, buf, p, 3);
		p += 3;
		p = putUnsigned(buf, p, sequence);
		buf[p++] = ']';
		buf[p++] = ' ';
		this.position = p;
	}

	private static int putUnsigned(byte[] buf, int position, long value) {
		if (value < 0) {
			byte[] text = Long.toUnsignedString(value).getBytes(StandardCharsets.US_ASCII);
			System.arraycopy(text, 0, buf, position, text.length);
			return position + text.length;
		}
		int digits = 1;
		for (long v = value / 10; v != 0; v /= 10) {
			digits++;
		}
		int end = position + digits;
		long v = value;
		for (int i = end - 1; i >= position; i--) {
			buf[i] = (byte) ('0' + (v % 10));
			v /= 10;
		}
		return end;
	}

	private OutputKey outputKey(StreamKey key) {
		OutputKey last = this.lastKey;
		if (last != null && last.key.equals(key)) {
			return last;
		}
		OutputKey entry = this.world.outputSequences().computeIfAbsent(key, OutputKey::new);
		this.lastKey = entry;
		return entry;
	}

	/**
	 * Write the buffered lines out; with {@code flush}, flush the stream too, then hand
	 * the completed receipts over.
	 */
	private void writeOut(boolean flush) {
		if (this.failure != null) {
			this.position = 0;
			return;
		}
		try {
			if (this.position > 0) {
				this.out.write(this.buffer, 0, this.position);
				this.position = 0;
			}
			if (flush) {
				this.out.flush();
			}
		}
		catch (IOException | RuntimeException ex) {
			fail(ex);
			return;
		}
		if (!flush) {
			handOver();
		}
	}

	private void writeDirect(byte[] payload) {
		if (this.failure != null) {
			return;
		}
		try {
			this.out.write(payload);
		}
		catch (IOException | RuntimeException ex) {
			fail(ex);
		}
	}

	private void fail(Throwable ex) {
		this.failure = ex;
		this.position = 0;
		this.world.report("cannot write standard output: " + ex);
		SeaStreamerException error = writeError(ex);
		for (int i = 0; i < this.pendingCount; i++) {
			this.pending[i].fail(error);
		}
	}

	private void failPendingAndQueued() {
		SeaStreamerException error = writeError(this.failure);
		for (int i = 0; i < this.pendingCount; i++) {
			this.pending[i].fail(error);
		}
		Object item;
		while ((item = this.queue.relaxedPoll()) != null) {
			if (item instanceof Completion completion) {
				completion.fail(error);
				pendingAdd(completion);
			}
		}
	}

	private static SeaStreamerException writeError(@Nullable Throwable cause) {
		return new BackendException("stdio", "cannot write standard output: " + cause, cause, false);
	}

	private void pendingAdd(Completion completion) {
		if (this.pendingCount == this.pending.length) {
			this.pending = Arrays.copyOf(this.pending, this.pending.length * 2);
		}
		this.pending[this.pendingCount++] = completion;
	}

	private void handOver() {
		if (this.pendingCount == 0) {
			return;
		}
		Completion[] batch = Arrays.copyOf(this.pending, this.pendingCount);
		Arrays.fill(this.pending, 0, this.pendingCount, null);
		this.pendingCount = 0;
		this.completions.submit(batch);
	}

	/**
	 * The producer-side sequence of one stream key, and its ASCII bytes.
	 */
	static final class OutputKey {

		final StreamKey key;

		final byte[] ascii;

		long next;

		OutputKey(StreamKey key) {
			this.key = key;
			this.ascii = key.name().getBytes(StandardCharsets.US_ASCII);
		}

	}

	/**
	 * Something to complete once its line is written out.
	 */
	interface Completion {

		void completeNow();

		default void fail(SeaStreamerException error) {
		}

	}

	/**
	 * A send: the request and the caller's receipt future in one object.
	 */
	static final class SendRequest extends CompletableFuture<MessageHeader> implements Completion {

		final StreamKey key;

		final byte[] payload;

		final boolean loopback;

		@Nullable MessageHeader receipt;

		@Nullable SeaStreamerException error;

		SendRequest(StreamKey key, byte[] payload, boolean loopback) {
			this.key = key;
			this.payload = payload;
			this.loopback = loopback;
		}

		@Override
		public void fail(SeaStreamerException error) {
			this.error = error;
		}

		@Override
		public void completeNow() {
			SeaStreamerException failed = this.error;
			MessageHeader header = this.receipt;
			if (failed != null || header == null) {
				completeExceptionally((failed != null) ? failed : writeError(null));
			}
			else {
				complete(header);
			}
		}

	}

	/**
	 * A flush: completed once everything before it is written out and flushed.
	 */
	static final class FlushRequest extends CompletableFuture<Void> implements Completion {

		@Nullable SeaStreamerException error;

		@Override
		public void fail(SeaStreamerException error) {
			this.error = error;
		}

		@Override
		public void completeNow() {
			SeaStreamerException failed = this.error;
			if (failed != null) {
				completeExceptionally(failed);
			}
			else {
				complete(null);
			}
		}

	}

	/**
	 * Completes batches one after another on an executor, so that receipts and flushes
	 * complete in the order they were printed, and never on the writer thread.
	 */
	private static final class SerialCompletions implements Runnable {

		private final ConcurrentLinkedQueue<Completion[]> batches = new ConcurrentLinkedQueue<>();

		private final AtomicInteger wip = new AtomicInteger();

		private final Executor executor;

		SerialCompletions(Executor executor) {
			this.executor = executor;
		}

		void submit(Completion[] batch) {
			this.batches.offer(batch);
			if (this.wip.getAndIncrement() == 0) {
				this.executor.execute(this);
			}
		}

		@Override
		public void run() {
			int missed = 1;
			while (true) {
				Completion[] batch;
				while ((batch = this.batches.poll()) != null) {
					for (Completion completion : batch) {
						completion.completeNow();
					}
				}
				missed = this.wip.addAndGet(-missed);
				if (missed == 0) {
					return;
				}
			}
		}

	}

}

package io.github.seastreamer.file;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import io.github.seastreamer.BackendException;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.ProducerEndedException;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.file.format.Beacon;
import io.github.seastreamer.file.format.Crc16;
import io.github.seastreamer.file.format.SsFormatException;
import io.github.seastreamer.file.format.SsFrame;
import io.github.seastreamer.file.format.SsHeader;
import io.github.seastreamer.file.format.SsReader;
import io.github.seastreamer.file.format.SsSource;
import io.github.seastreamer.file.format.SsWriter;
import io.github.seastreamer.file.format.StreamShard;
import io.github.seastreamer.file.format.StreamState;
import io.github.seastreamer.spi.DeliveryExecutor;
import org.jctools.queues.MpscUnboundedArrayQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of a file in this process, shared by every producer of the file: a
 * thread that takes send requests from a lock-free queue, assigns sequence numbers,
 * writes frames in batches (no flush per message: one write per batch of up to
 * {@value #BATCH} sends, or whenever the queue runs dry) and completes receipts.
 *
 * <p>
 * Hot path: the frame checksum is computed on the sending thread, the writer encodes
 * straight into its 1 MiB buffer and reads the clock once per batch (the receipt's
 * timestamp is when the writer took the batch, not when {@code send} was called). A
 * receipt is published once its bytes are with the OS; a caller blocked in
 * {@code get}/{@code join} completes it from its own thread at once, and the delivery
 * executor completes the others (one task per batch), so no callback runs on the writer
 * thread.
 *
 * <p>
 * Opening locks the file ({@link FileChannel#tryLock()}), so a second process cannot
 * interleave its writes. An existing file is resumed from its last beacon: the append
 * position is the end of the last complete frame (a trailing End-of-Stream is
 * overwritten, a torn tail is cut off with a warning), and the state of the streams (last
 * sequence, running checksum) comes from the last beacon's markers and the frames after
 * it.
 */
final class SharedWriter {

	private static final Logger logger = LoggerFactory.getLogger(SharedWriter.class);

	private static final int BATCH = 512;

	/** How many times the writer looks again for a send before writing out a batch. */
	private static final int SPIN = 64;

	private final Path path;

	private final FileConnectOptions options;

	private final FileRegistry.Entry entry;

	/** Sends and controls, from any number of producer threads to the writer thread. */
	private final MpscUnboundedArrayQueue<Object> queue = new MpscUnboundedArrayQueue<>(4096);

	private final Thread thread;

	private volatile boolean parked;

	private volatile boolean closed;

	/** Set once the writer thread no longer takes requests from the queue. */
	private volatile boolean drained;

	private volatile @Nullable Throwable failure;

	private final CompletableFuture<Void> opened = new CompletableFuture<>();

	private final CompletableFuture<Void> terminated = new CompletableFuture<>();

	private int users;

	private @Nullable FileChannel channel;

	private @Nullable FileLock lock;

	private @Nullable SsWriter writer;

	private @Nullable ResumeIndex resume;

	/** The stream of the last send (one instance for a run of sends to one stream). */
	private @Nullable StreamShard lastStream;

	/** The time stamped on the sends of the batch being written. */
	private Instant batchTime = Instant.EPOCH;

	SharedWriter(Path path, FileConnectOptions options, FileRegistry.Entry entry) {
		this.path = path;
		this.options = options;
		this.entry = entry;
		this.thread = new Thread(this::run, "seastreamer-file-writer-" + path.getFileName());
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** Register one more user (a producer). Guarded by the registry entry. */
	void retain() {
		this.users++;
	}

	/**
	 * One user is gone; the last one ends the writer.
	 * @return whether the writer is now ending
	 */
	boolean release() {
		this.users--;
		return this.users <= 0;
	}

	boolean isClosed() {
		return this.closed;
	}

	CompletableFuture<Void> opened() {
		return this.opened;
	}

	CompletableFuture<MessageHeader> send(StreamKey key, ShardId shard, byte[] payload) {
		if (this.closed) {
			return CompletableFuture.failedFuture(ended());
		}
		// the checksum is computed here, on the caller's thread, in parallel with the
		// writer thread's encoding and writing of earlier sends
		Send send = new Send(key, shard, payload, Crc16.of(payload));
		this.queue.offer(send);
		wake();
		if (this.drained) {
			failAll();
		}
		return send;
	}

	CompletableFuture<Void> flush() {
		Control flush = new Control(false, false);
		if (this.closed) {
			return CompletableFuture.failedFuture(ended());
		}
		this.queue.offer(flush);
		wake();
		if (this.drained) {
			failAll();
		}
		return flush.future;
	}

	/**
	 * End the writer: End-of-Stream if configured, flush, fsync, unlock.
	 * @return a future completed when the file is closed
	 */
	CompletableFuture<Void> close() {
		Control close = new Control(true, this.options.endWithEos());
		this.queue.offer(close);
		wake();
		return this.terminated;
	}

	private ProducerEndedException ended() {
		Throwable cause = this.failure;
		return new ProducerEndedException(
				"the writer of " + this.path + " has ended" + ((cause != null) ? ": " + cause.getMessage() : ""),
				cause);
	}

	private void wake() {
		if (this.parked) {
			LockSupport.unpark(this.thread);
		}
	}

	private void run() {
		try {
			open();
			this.opened.complete(null);
		}
		catch (Throwable ex) {
			this.entry.dropIndex();
			this.failure = ex;
			this.closed = true;
			this.opened.completeExceptionally(ex);
			endQueue();
			DeliveryExecutor.shared().execute(() -> this.terminated.complete(null));
			this.entry.writerEnded(this);
			return;
		}
		List<Send> written = new ArrayList<>(BATCH);
		try {
			while (true) {
				Object request = this.queue.relaxedPoll();
				if (request == null) {
					if (!written.isEmpty() || this.writer.buffered() > 0) {
						// a producer still sending is usually a few hundred nanoseconds
						// behind: a short spin turns many small writes into one
						request = spinPoll();
						if (request == null) {
							commitBatch(written);
							continue;
						}
					}
					else {
						this.parked = true;
						if (this.queue.isEmpty()) {
							LockSupport.parkNanos(50_000_000L);
						}
						this.parked = false;
						continue;
					}
				}
				if (request instanceof Send send) {
					if (written.isEmpty()) {
						// one clock reading per batch: the writer stamps what it writes
						this.batchTime = Instant.now();
					}
					written.add(send);
					write(send);
					if (written.size() >= BATCH) {
						commitBatch(written);
					}
				}
				else if (request instanceof Control control) {
					if (control.close) {
						commitBatch(written);
						finish(control);
						return;
					}
					commitBatch(written, control.future);
				}
			}
		}
		catch (Throwable ex) {
			logger.warn("writer of {} failed: {}", this.path, ex.toString());
			this.entry.dropIndex();
			this.failure = ex;
			this.closed = true;
			BackendException error = asBackend(ex);
			List<Send> failed = new ArrayList<>(written);
			DeliveryExecutor.shared().execute(() -> failed.forEach((send) -> send.completeExceptionally(error)));
			closeQuietly();
			endQueue();
			DeliveryExecutor.shared().execute(() -> this.terminated.complete(null));
			this.entry.writerEnded(this);
		}
	}

	private @Nullable Object spinPoll() {
		for (int i = 0; i < SPIN; i++) {
			Thread.onSpinWait();
			Object request = this.queue.relaxedPoll();
			if (request != null) {
				return request;
			}
		}
		return null;
	}

	private void finish(Control control) throws IOException {
		this.closed = true;
		try {
			if (control.eos) {
				this.writer.writeEndOfStream(System.currentTimeMillis());
			}
			this.writer.flush();
			this.channel.force(true);
			this.entry.indexEnds(this.writer.position());
			this.entry.signal();
		}
		finally {
			closeQuietly();
			endQueue();
			this.entry.writerEnded(this);
			DeliveryExecutor.shared().execute(() -> this.terminated.complete(null));
		}
	}

	private void closeQuietly() {
		try {
			if (this.writer != null) {
				this.writer.release();
			}
			if (this.resume != null) {
				this.resume.close();
			}
			if (this.lock != null && this.lock.isValid()) {
				this.lock.release();
			}
			if (this.channel != null) {
				this.channel.close();
			}
		}
		catch (IOException ex) {
			logger.warn("closing {} failed: {}", this.path, ex.toString());
		}
	}

	/**
	 * The writer thread is ending: fail what is queued, and let senders that come later
	 * fail their own requests (one of the two sides always sees the other's).
	 */
	private void endQueue() {
		failAll();
		this.drained = true;
		failAll();
	}

	/** Fail every queued request; by the writer thread, or by senders once it ended. */
	private void failAll() {
		List<Object> left = new ArrayList<>();
		synchronized (this.queue) {
			Object request;
			while ((request = this.queue.poll()) != null) {
				left.add(request);
			}
		}
		if (left.isEmpty()) {
			return;
		}
		ProducerEndedException error = ended();
		DeliveryExecutor.shared().execute(() -> {
			for (Object r : left) {
				if (r instanceof Send send) {
					send.completeExceptionally(error);
				}
				else if (r instanceof Control control) {
					if (control.close) {
						control.future.complete(null);
					}
					else {
						control.future.completeExceptionally(error);
					}
				}
			}
		});
	}

	private static BackendException asBackend(Throwable ex) {
		if (ex instanceof BackendException backend) {
			return backend;
		}
		return new BackendException("file", "write failed: " + ex, ex, false);
	}

	private void commitBatch(List<Send> written) throws IOException {
		commitBatch(written, null);
	}

	private void commitBatch(List<Send> written, @Nullable CompletableFuture<Void> then) throws IOException {
		this.writer.flush();
		this.entry.signal();
		if (written.isEmpty() && then == null) {
			return;
		}
		Send[] done = written.toArray(new Send[0]);
		written.clear();
		// The bytes are with the OS: callers blocked in get() take their receipts now.
		// Callbacks run on the delivery executor, never on this thread.
		for (Send send : done) {
			send.publish();
		}
		DeliveryExecutor.shared().execute(() -> {
			for (Send send : done) {
				send.completeFromOutcome();
			}
			if (then != null) {
				then.complete(null);
			}
		});
	}

	private void write(Send send) throws IOException {
		StreamShard stream = this.lastStream;
		if (stream == null || stream.key() != send.key || stream.shard() != send.shard.id()) {
			stream = new StreamShard(send.key, send.shard.id());
			this.lastStream = stream;
		}
		StreamState state = this.writer.state(stream);
		if (state == null && this.resume != null) {
			StreamState found = this.resume.lookup(stream);
			if (found != null) {
				this.writer.seed(stream, found);
				state = found;
			}
		}
		long seq = (state != null) ? state.sequence() + 1 : 1;
		if (state == null) {
			this.entry.recordStart(send.key, this.writer.position());
		}
		Instant time = this.batchTime;
		long ms = time.toEpochMilli();
		long frame = 32L + send.key.name().length() + send.payload.length;
		int interval = this.writer.interval();
		long beacons = (frame < interval) ? 1 : frame / interval + 1;
		byte[] payload = send.payload;
		send.payload = null;
		if (this.writer.position() + frame + beacons * 300 > this.options.fileSizeLimit()) {
			send.outcome = new BackendException("file",
					"file size limit of " + this.options.fileSizeLimit() + " bytes reached: " + this.path, null, false);
			return;
		}
		this.writer.write(stream, seq, ms, payload, 0, payload.length, send.checksum);
		send.outcome = new MessageHeader(send.key, send.shard, seq, time);
	}

	private void open() throws IOException {
		FileChannel ch = FileChannel.open(this.path, StandardOpenOption.READ, StandardOpenOption.WRITE,
				StandardOpenOption.CREATE);
		this.channel = ch;
		try {
			this.lock = ch.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			this.lock = null;
		}
		if (this.lock == null) {
			ch.close();
			throw new BackendException("file",
					"cannot write " + this.path + ": another process holds its write lock (one writer per file)", null,
					true);
		}
		long size = ch.size();
		int buffer = 1024 * 1024;
		if (size > 0 && size < SsHeader.SIZE) {
			try {
				SsReader.open(SsSource.of(ch));
			}
			catch (SsFormatException ex) {
				if (!ex.isTruncated()) {
					throw ex;
				}
				// a header cut short (a crash while creating the file) holds no message
				logger.warn("{}: a torn header of {} bytes is rewritten", this.path, size);
				ch.truncate(0);
				size = 0;
			}
		}
		if (size == 0) {
			String name = (this.path.getFileName() != null) ? this.path.getFileName().toString() : "stream.ss";
			SsHeader header = new SsHeader(name, System.currentTimeMillis(), this.options.beaconInterval());
			ch.position(0);
			this.entry.startIndex(header.createdAtMs());
			this.writer = SsWriter.create(ch, header, buffer);
			this.writer.flush();
			return;
		}
		SsReader reader = SsReader.open(SsSource.of(ch));
		this.entry.continueIndex(reader.header().createdAtMs(), size);
		reader.verifyMarkers(false);
		int interval = reader.header().beaconInterval();
		if (interval != this.options.beaconInterval()
				&& this.options.beaconInterval() != FileConnectOptions.DEFAULT_BEACON_INTERVAL) {
			logger.warn("{} has beacon interval {}; the configured {} applies to new files only", this.path, interval,
					this.options.beaconInterval());
		}
		Scan scan = scanTail(reader, Long.MAX_VALUE);
		boolean eosDropped = scan.lastWasEos;
		if (eosDropped) {
			scan = scanTail(reader, scan.appendAt);
		}
		long append = scan.appendAt;
		if (append < size) {
			long cut = size - append;
			if (!eosDropped || cut != 56) {
				logger.warn(
						"{}: {} bytes after offset {} do not form a complete frame (a torn write); they are cut off",
						this.path, cut, append);
			}
			ch.truncate(append);
		}
		ch.position(append);
		this.writer = SsWriter.append(ch, interval, append, buffer);
		for (Map.Entry<StreamShard, StreamState> e : scan.states.entrySet()) {
			this.writer.seed(e.getKey(), e.getValue());
		}
		if (!scan.complete) {
			this.resume = new ResumeIndex(this.path, append);
		}
	}

	private Scan scanTail(SsReader reader, long limit) throws IOException {
		reader.limit(limit);
		long known = reader.size();
		int interval = reader.header().beaconInterval();
		long n = known / interval;
		while (true) {
			try {
				reader.alignAt(n);
				break;
			}
			catch (SsFormatException ex) {
				if (!ex.isTruncated() || n == 0) {
					throw ex;
				}
				n--;
			}
		}
		boolean complete = n == 0;
		Beacon beacon = reader.lastBeacon();
		if (beacon != null && beacon.markers().size() < Beacon.numMarkers(interval)) {
			complete = true;
		}
		long appendAt = reader.position();
		boolean lastWasEos = false;
		SsFrame frame;
		try {
			while ((frame = reader.next()) != null) {
				lastWasEos = frame.isEndOfStream();
				appendAt = lastWasEos ? frame.offset() : frame.endOffset();
			}
		}
		catch (SsFormatException ex) {
			throw new BackendException("file", "cannot append to " + this.path + ": " + ex.problem()
					+ " (run `sea-streamer verify --file " + this.path + " --repair`)", ex, false);
		}
		Map<StreamShard, StreamState> states = new HashMap<>(reader.states());
		return new Scan(appendAt, lastWasEos, states, complete);
	}

	private record Scan(long appendAt, boolean lastWasEos, Map<StreamShard, StreamState> states, boolean complete) {

	}

	/**
	 * One send, and its receipt: the writer sets the outcome, publishes it once the bytes
	 * are with the OS, and has the delivery executor complete the future, so callbacks
	 * never run on the writer thread. A caller blocked in {@code get} or {@code join}
	 * does not wait for that hand-over: it completes the future itself (on its own
	 * thread) as soon as the outcome is published.
	 */
	static final class Send extends CompletableFuture<MessageHeader> {

		private static final VarHandle PUBLISHED;

		static {
			try {
				PUBLISHED = MethodHandles.lookup().findVarHandle(Send.class, "published", Object.class);
			}
			catch (ReflectiveOperationException ex) {
				throw new ExceptionInInitializerError(ex);
			}
		}

		/**
		 * How long a blocked caller looks for the outcome, yielding the processor between
		 * looks, before it waits for the delivery executor (a writer thread at work
		 * publishes a batch every few tens of microseconds).
		 */
		private static final long HELP_NANOS = 200_000L;

		final StreamKey key;

		final ShardId shard;

		/** The payload until written (then dropped, so a kept receipt holds no bytes). */
		byte @Nullable [] payload;

		/** A {@link MessageHeader} or a {@link Throwable}; writer thread only. */
		@Nullable Object outcome;

		/** {@link #outcome} once the bytes are with the OS; written with release. */
		@SuppressWarnings("unused")
		private @Nullable Object published;

		final int checksum;

		Send(StreamKey key, ShardId shard, byte[] payload, int checksum) {
			this.key = key;
			this.shard = shard;
			this.payload = payload;
			this.checksum = checksum;
		}

		void publish() {
			PUBLISHED.setRelease(this, this.outcome);
		}

		void completeFromOutcome() {
			Object result = PUBLISHED.getAcquire(this);
			if (result instanceof MessageHeader header) {
				complete(header);
			}
			else if (result instanceof Throwable error) {
				completeExceptionally(error);
			}
		}

		private void help(long maxNanos) {
			long deadline = 0;
			while (!isDone()) {
				if (PUBLISHED.getAcquire(this) != null) {
					completeFromOutcome();
					return;
				}
				long now = System.nanoTime();
				if (deadline == 0) {
					deadline = now + Math.min(maxNanos, HELP_NANOS);
				}
				else if (now - deadline >= 0) {
					return;
				}
				Thread.yield();
			}
		}

		@Override
		public MessageHeader get() throws InterruptedException, ExecutionException {
			help(HELP_NANOS);
			return super.get();
		}

		@Override
		public MessageHeader get(long timeout, TimeUnit unit)
				throws InterruptedException, ExecutionException, TimeoutException {
			help(unit.toNanos(timeout));
			return super.get(timeout, unit);
		}

		@Override
		public MessageHeader join() {
			help(HELP_NANOS);
			return super.join();
		}

	}

	private static final class Control {

		final boolean close;

		final boolean eos;

		final CompletableFuture<Void> future = new CompletableFuture<>();

		Control(boolean close, boolean eos) {
			this.close = close;
			this.eos = eos;
		}

	}

	/**
	 * Finds the state of a stream the resumed writer has not met in the last interval:
	 * walks the beacons backwards for its marker, then reads forward from there to the
	 * append position (from the header if no beacon names it).
	 */
	static final class ResumeIndex {

		private final FileChannel channel;

		private final SsReader reader;

		private final long appendAt;

		ResumeIndex(Path path, long appendAt) throws IOException {
			this.channel = FileChannel.open(path, StandardOpenOption.READ);
			this.reader = SsReader.open(SsSource.of(this.channel));
			this.reader.verifyMarkers(false);
			this.reader.limit(appendAt);
			this.appendAt = appendAt;
		}

		@Nullable StreamState lookup(StreamShard stream) throws IOException {
			long interval = this.reader.header().beaconInterval();
			long start = 0;
			for (long j = this.appendAt / interval; j >= 1; j--) {
				Beacon beacon = this.reader.beaconAt(j);
				if (beacon != null && beacon.markers()
					.stream()
					.anyMatch((m) -> m.key().equals(stream.key()) && m.shard() == stream.shard())) {
					start = j;
					break;
				}
			}
			this.reader.alignAt(start);
			while (this.reader.next() != null) {
				// accumulate the stream's state up to the append position
			}
			return this.reader.state(stream);
		}

		void close() throws IOException {
			this.channel.close();
		}

	}

}

package io.github.seastreamer.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import io.github.seastreamer.BackendException;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.SeqPos;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamEndedException;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.file.format.Marker;
import io.github.seastreamer.file.format.SsFormatException;
import io.github.seastreamer.file.format.SsFrame;
import io.github.seastreamer.file.format.SsHeader;
import io.github.seastreamer.file.format.SsReader;
import io.github.seastreamer.file.format.SsSource;
import io.github.seastreamer.file.format.StreamShard;
import io.github.seastreamer.spi.DeliveryExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reader thread over one file, dispatching each frame to its subscribers' inboxes in
 * file order: to every ungrouped consumer whose streams and shards match, or, for a
 * load-balanced group, to member {@code seq % members} among those that match.
 *
 * <p>
 * A live reader follows the file: at the end of the data it waits for the in-process
 * writer's signal or polls with a back-off capped at 10 ms. A replay ends at the end of
 * the data. Seek and rewind run on this thread between frames. Back-pressure: the reader
 * waits while a subscriber's inbox is full.
 *
 * <p>
 * Frames are read in runs of up to {@value #BATCH}; the payload checksums of a run are
 * computed in chunks claimed by this thread and by consumers waiting in {@code next()}
 * ({@link #help()}), then the run is dispatched up to its first damaged frame, which is
 * handled as if it had been found alone.
 */
final class ReaderTask {

	private static final Logger logger = LoggerFactory.getLogger(ReaderTask.class);

	private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private volatile @Nullable String endReason;

	private final Path path;

	private final FileRegistry.Entry entry;

	private final boolean live;

	private final StreamReset reset;

	private final FileConsumerOptions.OnCorruption onCorruption;

	private final @Nullable String group;

	private final @Nullable Map<StreamShard, Long> resumeFrom;

	private final CopyOnWriteArrayList<FileConsumer> subscribers = new CopyOnWriteArrayList<>();

	/**
	 * Changed after every change of {@link #subscribers} (by the threads adding and
	 * removing consumers), so that the reader may remember whether the key of the last
	 * frame is wanted.
	 */
	private final java.util.concurrent.atomic.AtomicInteger subscribersVersion = new java.util.concurrent.atomic.AtomicInteger();

	private @Nullable StreamKey interestKey;

	private int interestVersion = -1;

	private boolean interestResult;

	private final ConcurrentLinkedQueue<Command> commands = new ConcurrentLinkedQueue<>();

	private final Thread thread;

	private volatile boolean stopped;

	private @Nullable SsReader reader;

	private @Nullable SsFrame pendingFrame;

	private long latestFrom = -1;

	private @Nullable Map<StreamShard, Long> filter;

	private Instant lastTime = Instant.EPOCH;

	private long lastTimeMs;

	/** The run of frames whose checksums are being computed, for helpers. */
	private volatile @Nullable Verification verifying;

	/** The most frames read before they are checked and dispatched. */
	private static final int BATCH = 64;

	ReaderTask(Path path, FileRegistry.Entry entry, boolean live, StreamReset reset,
			FileConsumerOptions.OnCorruption onCorruption, @Nullable String group,
			@Nullable Map<StreamShard, Long> resumeFrom) {
		this.path = path;
		this.entry = entry;
		this.live = live;
		this.reset = reset;
		this.onCorruption = onCorruption;
		this.group = group;
		this.resumeFrom = resumeFrom;
		this.thread = new Thread(this::run, "seastreamer-file-reader-" + path.getFileName());
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	boolean isStopped() {
		return this.stopped;
	}

	void add(FileConsumer consumer) {
		this.subscribers.add(consumer);
		this.subscribersVersion.incrementAndGet();
		wake();
	}

	void remove(FileConsumer consumer) {
		this.subscribers.remove(consumer);
		this.subscribersVersion.incrementAndGet();
		if (this.subscribers.isEmpty()) {
			this.stopped = true;
			if (this.group != null) {
				this.entry.removeGroup(this.group, this);
			}
			wake();
		}
	}

	CompletableFuture<Void> reposition(Object target) {
		Command command = new Command(target);
		if (this.stopped) {
			return CompletableFuture
				.failedFuture(new StreamEndedException("the reader of " + this.path + " has ended"));
		}
		this.commands.offer(command);
		wake();
		return command.future;
	}

	private void wake() {
		LockSupport.unpark(this.thread);
	}

	private void run() {
		this.entry.addWaiter(this.thread);
		FileChannel channel = null;
		try {
			channel = openWhenReady();
			if (channel == null) {
				return;
			}
			SsReader r = SsReader.open(SsSource.of(channel));
			r.interest(this::wantsKey);
			this.reader = r;
			position(r);
			loop(r);
		}
		catch (SsFormatException ex) {
			endAll(ex);
		}
		catch (IOException ex) {
			endAll(new BackendException("file", "reading " + this.path + " failed: " + ex, ex, false));
		}
		catch (RuntimeException ex) {
			endAll(ex);
		}
		finally {
			this.stopped = true;
			this.entry.removeWaiter(this.thread);
			if (this.group != null) {
				this.entry.removeGroup(this.group, this);
			}
			if (channel != null) {
				try {
					channel.close();
				}
				catch (IOException ex) {
					logger.debug("closing {} failed", this.path, ex);
				}
			}
			Command command;
			while ((command = this.commands.poll()) != null) {
				command.future
					.completeExceptionally(new StreamEndedException("the reader of " + this.path + " has ended"));
			}
		}
	}

	private @Nullable FileChannel openWhenReady() throws IOException {
		long backoff = 0;
		while (!this.stopped) {
			try {
				FileChannel channel = FileChannel.open(this.path, StandardOpenOption.READ);
				long size = channel.size();
				if (size >= SsHeader.SIZE) {
					return channel;
				}
				if (size > 0) {
					// fails at once if the first bytes are not a .ss header
					try {
						SsReader.open(SsSource.of(channel));
					}
					catch (SsFormatException ex) {
						if (!ex.isTruncated()) {
							channel.close();
							throw ex;
						}
					}
				}
				channel.close();
				if (!this.live) {
					endAll(new StreamEndedException(
							"the file " + this.path + " holds no message (" + size + " bytes)"));
					return null;
				}
			}
			catch (NoSuchFileException ex) {
				if (!this.live) {
					throw ex;
				}
			}
			drainCommandsBeforeOpen();
			backoff = pause(backoff);
		}
		return null;
	}

	private void drainCommandsBeforeOpen() {
		Command command;
		while ((command = this.commands.poll()) != null) {
			// nothing to reposition in a file without messages
			command.future.complete(null);
		}
	}

	private void position(SsReader r) throws IOException {
		if (this.resumeFrom != null && !this.resumeFrom.isEmpty()) {
			long endAtOpen = -1;
			if (this.reset == StreamReset.LATEST) {
				r.rewindEnd();
				endAtOpen = r.position();
			}
			long start = Long.MAX_VALUE;
			for (Map.Entry<StreamShard, Long> e : this.resumeFrom.entrySet()) {
				long after = e.getValue();
				StreamShard stream = e.getKey();
				long left = r.leftBeacon(stream::equals, (m) -> Long.compareUnsigned(m.sequence(), after) <= 0);
				start = Math.min(start, left);
			}
			r.alignAt(start);
			this.filter = this.resumeFrom;
			this.latestFrom = endAtOpen;
			return;
		}
		if (this.reset == StreamReset.LATEST) {
			r.rewindEnd();
		}
	}

	private void loop(SsReader r) throws IOException {
		long backoff = 0;
		SsFrame[] frames = new SsFrame[BATCH];
		boolean[] check = new boolean[BATCH];
		while (!this.stopped) {
			Command command = this.commands.poll();
			if (command != null) {
				handle(r, command);
				continue;
			}
			if (frames[0] != null) {
				// the arrays of a run go with it: a helper still holding the last run
				// must
				// never see them change
				frames = new SsFrame[BATCH];
				check = new boolean[BATCH];
			}
			int count = 0;
			SsFormatException damage = null;
			SsFrame pending = this.pendingFrame;
			this.pendingFrame = null;
			if (pending != null) {
				// found (and checked) by a seek
				frames[count] = pending;
				check[count++] = false;
			}
			// a run of frames whose payload checksums are then computed together, by this
			// thread and by consumers waiting in next()
			r.deferChecksums(true);
			try {
				while (count < BATCH && (count == 0 || !frames[count - 1].isEndOfStream())) {
					SsFrame frame;
					try {
						frame = r.next();
					}
					catch (SsFormatException ex) {
						damage = ex;
						break;
					}
					if (frame == null) {
						break;
					}
					frames[count] = frame;
					check[count++] = !r.lastSkipped();
				}
			}
			finally {
				r.deferChecksums(false);
			}
			if (count == 0) {
				if (damage != null) {
					if (!recover(r, damage, false)) {
						return;
					}
					continue;
				}
				if (!this.live) {
					long trailing = r.size() - r.position();
					if (trailing > 0) {
						endAll(new SsFormatException(r.position(), "truncated file: the " + trailing
								+ " bytes at offset {offset} do not form a complete frame", true, null));
					}
					else {
						ended("end of file " + this.path);
					}
					continue;
				}
				backoff = pause(backoff);
				r.invalidate();
				if (removed()) {
					endAll(new BackendException("file", "File Removed: " + this.path + " was deleted while being read",
							null, false));
					return;
				}
				continue;
			}
			backoff = 0;
			int bad = verify(frames, check, count);
			boolean interrupted = false;
			for (int i = 0; i < bad; i++) {
				SsFrame frame = frames[i];
				if (!dispatch(frame)) {
					return;
				}
				if (!this.commands.isEmpty()) {
					// a seek or rewind moves the reader: the rest of the run is moot
					interrupted = true;
					break;
				}
			}
			SsFrame damaged = (bad < count) ? frames[bad] : null;
			if (interrupted) {
				continue;
			}
			if (damaged != null) {
				SsFormatException ex;
				try {
					damaged.verify();
					ex = new SsFormatException(damaged.offset(), "frame at offset {offset} is damaged");
				}
				catch (SsFormatException mismatch) {
					ex = mismatch;
				}
				if (!recover(r, ex, true)) {
					return;
				}
				continue;
			}
			if (damage != null && !recover(r, damage, false)) {
				return;
			}
		}
	}

	/**
	 * After damage: end every subscriber (truncation, or {@code OnCorruption.FAIL}) or
	 * skip to the next beacon.
	 * @return whether to go on reading
	 */
	private boolean recover(SsReader r, SsFormatException ex, boolean frameReturned) throws IOException {
		if (ex.isTruncated() || this.onCorruption == FileConsumerOptions.OnCorruption.FAIL) {
			endAll(ex);
			return false;
		}
		logger.warn("{}: skipping to the next beacon after damage: {}", this.path, ex.problem());
		if (frameReturned) {
			r.skipToNextBeaconAfterFrame(ex.offset());
		}
		else {
			r.skipToNextBeacon(ex.offset());
		}
		return true;
	}

	/**
	 * Check the payload checksums of a run of frames, with the help of consumers waiting
	 * in {@code next()} ({@link #help()}).
	 * @return the index of the first damaged frame, or {@code count}
	 */
	private int verify(SsFrame[] frames, boolean[] check, int count) {
		Verification run = new Verification(frames, check, count);
		if (count >= 2 * Verification.CHUNK) {
			this.verifying = run;
			run.work();
			this.verifying = null;
			run.awaitHelpers();
		}
		else {
			run.work();
		}
		return run.firstDamaged();
	}

	/**
	 * Check a few payload checksums of the run being read, if there is one; called by a
	 * consumer waiting for a message.
	 * @return whether there was something to do
	 */
	boolean help() {
		Verification run = this.verifying;
		return run != null && run.work();
	}

	private long lastExistsCheck;

	/** Whether the file is gone; checked at most once a second while waiting for data. */
	private boolean removed() {
		long now = System.nanoTime();
		if (now - this.lastExistsCheck < 1_000_000_000L) {
			return false;
		}
		this.lastExistsCheck = now;
		return !java.nio.file.Files.exists(this.path);
	}

	private long pause(long backoff) {
		LockSupport.parkNanos(Math.max(backoff, 200_000L));
		return Math.min(MAX_BACKOFF_NANOS, Math.max(1_000_000L, backoff * 2));
	}

	private void handle(SsReader r, Command command) {
		for (FileConsumer consumer : this.subscribers) {
			consumer.reset();
		}
		this.pendingFrame = null;
		this.filter = null;
		this.latestFrom = -1;
		this.endReason = null;
		try {
			Object target = command.target;
			if (target instanceof SeqPos.Beginning) {
				r.rewindBeginning();
			}
			else if (target instanceof SeqPos.End) {
				r.rewindEnd();
			}
			else if (target instanceof SeqPos.At at) {
				long n = at.sequence();
				seekOrEnd(r, (m) -> Long.compareUnsigned(m.sequence(), n) < 0,
						(f) -> Long.compareUnsigned(f.sequence(), n) >= 0);
			}
			else if (target instanceof Instant instant) {
				long ms = Math.floorDiv(instant.getEpochSecond() * 1_000_000_000L + instant.getNano(), 1_000_000L);
				seekOrEnd(r, (m) -> m.timestampMs() <= ms, (f) -> f.timestampMs() > ms);
			}
			DeliveryExecutor.shared().execute(() -> command.future.complete(null));
		}
		catch (IOException | RuntimeException ex) {
			BackendException error = (ex instanceof BackendException b) ? b
					: new BackendException("file", "seek in " + this.path + " failed: " + ex, ex, false);
			DeliveryExecutor.shared().execute(() -> command.future.completeExceptionally(error));
		}
	}

	private void seekOrEnd(SsReader r, Predicate<Marker> markerLeft, Predicate<SsFrame> matches) throws IOException {
		SsFrame frame = r.seek(this::wanted, markerLeft, matches, noneBefore(r));
		if (frame != null) {
			this.pendingFrame = frame;
		}
		else {
			r.rewindEnd();
		}
	}

	/**
	 * Where the first frame of any subscribed stream lies at the earliest, from the
	 * in-process writer's index of the file (0 when unknown, as for a wildcard).
	 */
	private long noneBefore(SsReader r) {
		java.util.Set<StreamKey> keys = new java.util.HashSet<>();
		for (FileConsumer consumer : this.subscribers) {
			if (consumer.isWildcard()) {
				return 0;
			}
			keys.addAll(consumer.streamKeys());
		}
		return keys.isEmpty() ? 0 : this.entry.startOf(keys, r.header().createdAtMs());
	}

	private boolean wantsKey(StreamKey key) {
		int version = this.subscribersVersion.get();
		if (key == this.interestKey && version == this.interestVersion) {
			return this.interestResult;
		}
		boolean wanted = false;
		for (FileConsumer consumer : this.subscribers) {
			if (consumer.wantsKey(key)) {
				wanted = true;
				break;
			}
		}
		this.interestKey = key;
		this.interestVersion = version;
		this.interestResult = wanted;
		return wanted;
	}

	private boolean wanted(StreamShard stream) {
		for (FileConsumer consumer : this.subscribers) {
			if (consumer.wants(stream.key(), stream.shard())) {
				return true;
			}
		}
		return false;
	}

	private boolean dispatch(SsFrame frame) {
		if (this.filter != null) {
			Long after = this.filter.get(new StreamShard(frame.key(), frame.shard()));
			if (after != null) {
				if (Long.compareUnsigned(frame.sequence(), after) <= 0) {
					return true;
				}
			}
			else if (this.latestFrom >= 0 && frame.offset() < this.latestFrom) {
				return true;
			}
		}
		long ms = frame.timestampMs();
		Instant time = this.lastTime;
		if (ms != this.lastTimeMs) {
			// runs of frames of one millisecond share one instant
			time = Instant.ofEpochMilli(ms);
			this.lastTime = time;
			this.lastTimeMs = ms;
		}
		Message message = Message.of(new MessageHeader(frame.key(), ShardId.of(frame.shard()), frame.sequence(), time),
				frame.data(), frame.payloadOffset(), frame.payloadLength());
		boolean eos = frame.isEndOfStream();
		if (this.group != null && !eos) {
			while (true) {
				List<FileConsumer> members = this.subscribers.stream()
					.filter((c) -> !c.inbox().isClosed() && c.wants(frame.key(), frame.shard()))
					.toList();
				if (members.isEmpty()) {
					break;
				}
				FileConsumer member = members.get((int) Long.remainderUnsigned(frame.sequence(), members.size()));
				Delivery result = deliver(member, message);
				if (result == Delivery.REPOSITIONED || result == Delivery.STOPPED) {
					return result != Delivery.STOPPED;
				}
				if (result == Delivery.DONE) {
					break;
				}
			}
		}
		else {
			for (FileConsumer consumer : this.subscribers) {
				if (consumer.wants(frame.key(), frame.shard())) {
					Delivery result = deliver(consumer, message);
					if (result == Delivery.REPOSITIONED) {
						return true;
					}
					if (result == Delivery.STOPPED) {
						return false;
					}
				}
			}
		}
		if (eos) {
			ended("End-of-Stream at offset " + frame.offset() + " of " + this.path);
		}
		return true;
	}

	/**
	 * Wait until the consumer's inbox has room, a command arrives ({@link #wake()}) or 20
	 * ms pass.
	 */
	private void awaitSpace(FileConsumer consumer) {
		CompletableFuture<Void> space = consumer.inbox().whenSpace();
		if (!space.isDone()) {
			space.thenRun(this::wake);
			LockSupport.parkNanos(20_000_000L);
		}
	}

	/** The stream ended but the reader stays, so that a rewind or seek can go on. */
	private void ended(String reason) {
		this.endReason = reason;
		for (FileConsumer consumer : this.subscribers) {
			consumer.endStream(reason);
		}
		while (!this.stopped && this.commands.isEmpty()) {
			LockSupport.parkNanos(50_000_000L);
		}
	}

	String endReason() {
		String reason = this.endReason;
		return (reason != null) ? reason : "stream ended";
	}

	private Delivery deliver(FileConsumer consumer, Message message) {
		while (true) {
			if (consumer.inbox().offer(message)) {
				return Delivery.DONE;
			}
			if (consumer.inbox().isClosed()) {
				return Delivery.CLOSED;
			}
			if (this.stopped) {
				return Delivery.STOPPED;
			}
			if (!this.commands.isEmpty()) {
				return Delivery.REPOSITIONED;
			}
			awaitSpace(consumer);
		}
	}

	private void endAll(RuntimeException error) {
		for (FileConsumer consumer : this.subscribers) {
			consumer.inbox().close(error);
		}
		this.stopped = true;
	}

	private enum Delivery {

		DONE, CLOSED, REPOSITIONED, STOPPED

	}

	/**
	 * The payload checksums of a run of frames, computed in chunks claimed by the reader
	 * and by helpers. Each frame's outcome is kept in this run's own array, so a helper
	 * that finishes late never touches a later run; the reader computes itself whatever a
	 * helper has not reported in time.
	 */
	private static final class Verification {

		static final int CHUNK = 8;

		private static final long HELPER_WAIT_NANOS = 50_000L;

		private final SsFrame[] frames;

		private final boolean[] check;

		private final int count;

		/** 0: not known yet, 1: intact, 2: damaged. */
		private final byte[] outcome;

		private final java.util.concurrent.atomic.AtomicInteger claimed = new java.util.concurrent.atomic.AtomicInteger();

		private final java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();

		Verification(SsFrame[] frames, boolean[] check, int count) {
			this.frames = frames;
			this.check = check;
			this.count = count;
			this.outcome = new byte[count];
		}

		/** Claim and check chunks until none is left; whether any was checked. */
		boolean work() {
			boolean worked = false;
			while (true) {
				int from = this.claimed.getAndAdd(CHUNK);
				if (from >= this.count) {
					return worked;
				}
				int to = Math.min(this.count, from + CHUNK);
				for (int i = from; i < to; i++) {
					this.outcome[i] = (!this.check[i] || this.frames[i].checksumMatches()) ? (byte) 1 : (byte) 2;
				}
				this.done.addAndGet(to - from);
				worked = true;
			}
		}

		/**
		 * Wait a little for chunks that helpers claimed (a helper is descheduled at
		 * worst).
		 */
		void awaitHelpers() {
			long deadline = 0;
			int spins = 0;
			while (this.done.get() < this.count) {
				Thread.onSpinWait();
				if ((++spins & 63) == 0) {
					long now = System.nanoTime();
					if (deadline == 0) {
						deadline = now + HELPER_WAIT_NANOS;
					}
					else if (now - deadline >= 0) {
						return;
					}
				}
			}
		}

		int firstDamaged() {
			for (int i = 0; i < this.count; i++) {
				byte result = this.outcome[i];
				if (result == 0) {
					// a helper did not report in time: check it here
					result = (!this.check[i] || this.frames[i].checksumMatches()) ? (byte) 1 : (byte) 2;
				}
				if (result == 2) {
					return i;
				}
			}
			return this.count;
		}

	}

	private static final class Command {

		final Object target;

		final CompletableFuture<Void> future = new CompletableFuture<>();

		Command(Object target) {
			this.target = target;
		}

	}

	static boolean isInternal(StreamKey key) {
		return key.name().equals(StreamKey.SEA_STREAMER_INTERNAL);
	}

}

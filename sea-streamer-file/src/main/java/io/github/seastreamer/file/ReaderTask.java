package io.github.seastreamer.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
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
 * Frames are read in runs and handed over as one {@link FrameRun.Slice} per subscriber
 * before their payload checksums are known: a consumer checks a run when it takes its
 * slice, or this thread does when the consumers are behind, so reading and checking run
 * in parallel. Damage is acted on once every run before it is checked: messages after it
 * are never delivered (see {@link FrameRun}); the subscribers end, or the reader skips to
 * the next beacon and starts a new generation of runs.
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

	/** The most frames read before they are dispatched. */
	private final int runSize;

	/** The frames read since the reader was last positioned. */
	private FrameRun.Generation generation = new FrameRun.Generation(0);

	private long runIndex;

	private @Nullable FrameRun lastRun;

	/**
	 * The runs dispatched whose checksums are not known to be checked yet, oldest first;
	 * all of the current generation.
	 */
	private final java.util.ArrayDeque<FrameRun> outstanding = new java.util.ArrayDeque<>();

	/** More runs outstanding than this and the reader checks the oldest itself. */
	private static final int MAX_OUTSTANDING = 1024;

	ReaderTask(Path path, FileRegistry.Entry entry, boolean live, StreamReset reset,
			FileConsumerOptions.OnCorruption onCorruption, @Nullable String group,
			@Nullable Map<StreamShard, Long> resumeFrom, int prefetch) {
		this.runSize = FrameRun.runSize(prefetch);
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
		while (!this.stopped) {
			if (settle(r, false) == Settled.STOP) {
				return;
			}
			Command command = this.commands.poll();
			if (command != null) {
				handle(r, command);
				continue;
			}
			// the arrays go with the run: consumers check it while the next is read
			SsFrame[] frames = new SsFrame[this.runSize];
			boolean[] check = new boolean[this.runSize];
			int count = 0;
			SsFormatException damage = null;
			SsFrame pending = this.pendingFrame;
			this.pendingFrame = null;
			if (pending != null) {
				// found (and checked) by a seek
				frames[count] = pending;
				check[count++] = false;
			}
			r.deferChecksums(true);
			try {
				while (count < this.runSize && (count == 0 || !frames[count - 1].isEndOfStream())) {
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
				if (damage != null || !this.live) {
					// before acting on what lies after them, the checksums of the runs
					// handed over must be known: damage there comes first
					Settled settled = settle(r, true);
					if (settled == Settled.STOP) {
						return;
					}
					if (settled == Settled.REPOSITIONED) {
						continue;
					}
				}
				if (damage != null) {
					if (!recover(r, damage, false)) {
						return;
					}
					newGeneration();
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
			FrameRun run = new FrameRun(this.generation, this.runIndex++, frames, check, count, this.lastRun);
			this.lastRun = run;
			this.outstanding.add(run);
			Delivery delivery = dispatch(run);
			if (delivery == Delivery.STOPPED) {
				return;
			}
			if (delivery == Delivery.REPOSITIONED) {
				continue;
			}
			boolean eos = frames[count - 1].isEndOfStream();
			if (eos || damage != null) {
				Settled settled = settle(r, true);
				if (settled == Settled.STOP) {
					return;
				}
				if (settled == Settled.REPOSITIONED) {
					continue;
				}
			}
			if (eos) {
				ended("End-of-Stream at offset " + frames[count - 1].offset() + " of " + this.path);
				continue;
			}
			if (damage != null) {
				if (!recover(r, damage, false)) {
					return;
				}
				newGeneration();
			}
		}
	}

	/** Start a new generation of runs: the reader was positioned. */
	private void newGeneration() {
		this.generation = new FrameRun.Generation(this.generation.number + 1);
		this.runIndex = 0;
		this.lastRun = null;
		this.outstanding.clear();
	}

	private enum Settled {

		/** No damage found: go on. */
		GO_ON,

		/** Damage found and skipped: the reader is at a beacon, in a new generation. */
		REPOSITIONED,

		/** Damage found and the subscribers ended. */
		STOP

	}

	/**
	 * Forget the outstanding runs that are checked, oldest first, and act on the first
	 * damage among them.
	 * @param all whether to check (or wait for) every outstanding run first
	 */
	private Settled settle(SsReader r, boolean all) throws IOException {
		FrameRun oldest = this.outstanding.peek();
		if (oldest != null && this.outstanding.size() > MAX_OUTSTANDING) {
			oldest.awaitChecked();
		}
		FrameRun head;
		while ((head = this.outstanding.peek()) != null) {
			if (all) {
				head.awaitChecked();
			}
			else if (!head.isChecked()) {
				break;
			}
			// every earlier run was checked and taken off before
			head.settle();
			this.outstanding.poll();
			FrameRun.Damage damage = this.generation.damage();
			if (damage != null && damage.run() == head.index) {
				SsFrame damaged = head.frame(damage.frame());
				SsFormatException ex;
				try {
					damaged.verify();
					ex = new SsFormatException(damaged.offset(), "frame at offset {offset} is damaged");
				}
				catch (SsFormatException mismatch) {
					ex = mismatch;
				}
				if (!recover(r, ex, true)) {
					return Settled.STOP;
				}
				newGeneration();
				return Settled.REPOSITIONED;
			}
		}
		return Settled.GO_ON;
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
		newGeneration();
		for (FileConsumer consumer : this.subscribers) {
			consumer.reset(this.generation.number);
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

	/**
	 * Hand the frames of a run to the subscribers that want them, as one slice per
	 * subscriber; a load-balanced group gives each frame to member {@code seq % members}
	 * of those that want it.
	 */
	private Delivery dispatch(FrameRun run) {
		FileConsumer[] subscribers = this.subscribers.toArray(new FileConsumer[0]);
		FrameRun.Slice[] slices = new FrameRun.Slice[subscribers.length];
		boolean any = false;
		for (int i = 0; i < run.count(); i++) {
			SsFrame frame = run.frame(i);
			Message message = message(frame);
			if (message == null) {
				continue;
			}
			if (this.group != null && !frame.isEndOfStream()) {
				int member = member(subscribers, frame, -1);
				if (member >= 0) {
					slice(slices, member, run).add(message, i);
					any = true;
				}
			}
			else {
				for (int c = 0; c < subscribers.length; c++) {
					if (subscribers[c].wants(frame.key(), frame.shard())) {
						slice(slices, c, run).add(message, i);
						any = true;
					}
				}
			}
		}
		if (!any) {
			// nobody takes a slice of it, so nobody else would check it
			run.checkIfUnclaimed();
			return Delivery.DONE;
		}
		boolean behind = false;
		for (int c = 0; c < subscribers.length; c++) {
			FrameRun.Slice slice = slices[c];
			if (slice == null) {
				continue;
			}
			Delivery result = deliver(subscribers[c], slice);
			if (result == Delivery.CLOSED && this.group != null) {
				result = redistribute(subscribers, c, slice);
			}
			if (result == Delivery.REPOSITIONED || result == Delivery.STOPPED) {
				return result;
			}
			behind |= subscribers[c].inbox().size() > subscribers[c].inbox().capacity() / 2;
		}
		if (behind) {
			// the consumers are behind: check this run here, so that they need not
			run.checkIfUnclaimed();
		}
		return Delivery.DONE;
	}

	private static FrameRun.Slice slice(FrameRun.Slice[] slices, int index, FrameRun run) {
		FrameRun.Slice slice = slices[index];
		if (slice == null) {
			slice = new FrameRun.Slice(run, run.count());
			slices[index] = slice;
		}
		return slice;
	}

	/**
	 * The member of the group that gets a frame: {@code seq % members} among the open
	 * subscribers that want it, leaving out one that closed.
	 * @return its index in {@code subscribers}, or -1 if none wants it
	 */
	private static int member(FileConsumer[] subscribers, SsFrame frame, int closed) {
		int members = 0;
		for (int c = 0; c < subscribers.length; c++) {
			if (isMember(subscribers, c, frame, closed)) {
				members++;
			}
		}
		if (members == 0) {
			return -1;
		}
		long pick = Long.remainderUnsigned(frame.sequence(), members);
		for (int c = 0; c < subscribers.length; c++) {
			if (isMember(subscribers, c, frame, closed) && pick-- == 0) {
				return c;
			}
		}
		return -1;
	}

	private static boolean isMember(FileConsumer[] subscribers, int c, SsFrame frame, int closed) {
		return c != closed && !subscribers[c].inbox().isClosed() && subscribers[c].wants(frame.key(), frame.shard());
	}

	/**
	 * A group member closed before taking its slice: its frames go to the members left,
	 * as single-message slices, in order.
	 */
	private Delivery redistribute(FileConsumer[] subscribers, int closed, FrameRun.Slice slice) {
		for (int i = 0; i < slice.size(); i++) {
			int frameIndex = slice.frame(i);
			SsFrame frame = slice.run.frame(frameIndex);
			while (true) {
				int member = member(subscribers, frame, closed);
				if (member < 0) {
					break;
				}
				FrameRun.Slice single = new FrameRun.Slice(slice.run, 1);
				single.add(slice.message(i), frameIndex);
				Delivery result = deliver(subscribers[member], single);
				if (result == Delivery.REPOSITIONED || result == Delivery.STOPPED) {
					return result;
				}
				if (result == Delivery.DONE) {
					break;
				}
			}
		}
		return Delivery.DONE;
	}

	/**
	 * The message of a frame, or {@code null} when a resume filter drops it.
	 */
	private @Nullable Message message(SsFrame frame) {
		if (this.filter != null) {
			Long after = this.filter.get(new StreamShard(frame.key(), frame.shard()));
			if (after != null) {
				if (Long.compareUnsigned(frame.sequence(), after) <= 0) {
					return null;
				}
			}
			else if (this.latestFrom >= 0 && frame.offset() < this.latestFrom) {
				return null;
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
		return Message.of(new MessageHeader(frame.key(), ShardId.of(frame.shard()), frame.sequence(), time),
				frame.data(), frame.payloadOffset(), frame.payloadLength());
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

	private Delivery deliver(FileConsumer consumer, FrameRun.Slice slice) {
		while (true) {
			if (consumer.inbox().offer(slice)) {
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

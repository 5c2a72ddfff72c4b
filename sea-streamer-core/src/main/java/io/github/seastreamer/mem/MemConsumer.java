package io.github.seastreamer.mem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToLongFunction;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.seastreamer.BackendException;
import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.SeqPos;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamEndedException;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.spi.DeliveryExecutor;
import io.github.seastreamer.spi.Inbox;

/**
 * A consumer on an in-memory broker.
 *
 * <p>
 * Each consumer has one pump thread that reads its shard logs (without locks) and offers
 * the messages to an {@link Inbox}, from which {@link #next()} takes them. The pump alone
 * owns the read positions: seek, rewind and assignment changes are queued to it as
 * commands, so positions need no synchronization. When the inbox is full the pump waits
 * for space; when it has caught up it parks until a producer appends (producers unpark it
 * only if it is parked).
 */
final class MemConsumer implements Consumer, MemStream.Listener {

	private static final Logger logger = LoggerFactory.getLogger(MemConsumer.class);

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private static final int BATCH = 256;

	private static final int CLAIM_BATCH = 64;

	private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private final MemStreamer streamer;

	private final Set<StreamKey> keys;

	private final ConsumerMode mode;

	private final StreamReset reset;

	private final @Nullable String group;

	private final @Nullable ResumableGroup resumable;

	private final @Nullable LoadBalancedGroup loadBalanced;

	private final LoadBalancedGroup.@Nullable Member member;

	private final Map<StreamKey, MemStream> streams = new LinkedHashMap<>();

	private final Inbox<Message> inbox;

	private final Thread thread;

	private final ConcurrentLinkedQueue<Command> commands = new ConcurrentLinkedQueue<>();

	private final Map<StreamKey, Set<ShardId>> explicitShards = new ConcurrentHashMap<>();

	/** Where shards assigned by the user start, taken when {@code assign} was called. */
	private final Map<MemLog, Long> assignedStarts = new ConcurrentHashMap<>();

	private final AtomicBoolean closed = new AtomicBoolean();

	/**
	 * Held by whoever moves messages from the logs to the inbox: the pump thread, or a
	 * caller of {@link #next()} that found the inbox empty. The pump state below is only
	 * touched while holding it (its atomic hand-over publishes that state).
	 */
	private final AtomicBoolean pumping = new AtomicBoolean();

	/** Whether the pump thread waits for a caller of {@link #next()} to stop pumping. */
	private volatile boolean pumpWaiting;

	private volatile int assignmentVersion;

	private volatile boolean sleeping;

	// pump state, touched only while holding `pumping` (set up before the thread starts)

	private final Map<MemLog, Cursor> cursors = new LinkedHashMap<>();

	private final Map<StreamKey, Map<ShardId, MemLog>> seenShards = new HashMap<>();

	private int seenAssignmentVersion;

	private boolean inboxFull;

	MemConsumer(MemStreamer streamer, Set<StreamKey> keys, ConsumerOptions options, @Nullable String group,
			int bufferSize) {
		this.streamer = streamer;
		this.keys = Set.copyOf(keys);
		this.mode = options.mode();
		this.reset = options.streamReset();
		this.group = group;
		this.inbox = new Inbox<>(bufferSize);
		MemBroker broker = streamer.broker();
		this.resumable = (this.mode == ConsumerMode.RESUMABLE && group != null) ? broker.resumableGroup(group) : null;
		this.loadBalanced = (this.mode == ConsumerMode.LOAD_BALANCED && group != null) ? broker.loadBalancedGroup(group)
				: null;
		this.member = (this.loadBalanced != null) ? this.loadBalanced.join(this::wake) : null;
		for (StreamKey key : keys) {
			MemStream stream = broker.stream(key);
			this.streams.put(key, stream);
			stream.addListener(this);
			Map<ShardId, MemLog> shards = stream.shards();
			this.seenShards.put(key, shards);
			for (MemLog log : shards.values()) {
				addCursor(log, startOfNewConsumer(log));
			}
		}
		this.thread = new Thread(this::run, "seastreamer-mem-" + broker.name() + "-" + COUNTER.incrementAndGet());
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	/**
	 * The next message. When the inbox is empty the calling thread moves what the logs
	 * hold into it itself (at most one batch, without waiting), unless the pump thread is
	 * at work or commands are queued: a consumer that keeps up then needs no thread hop
	 * per batch.
	 */
	@Override
	public CompletableFuture<Message> next() {
		pumpIfEmpty();
		return this.inbox.next();
	}

	/**
	 * A buffered message, or {@code null}. Like {@link #next()}, when the inbox is empty
	 * the calling thread first moves what the logs hold into it (at most one batch, never
	 * waiting: if the pump thread is at work or commands are queued it does not pump).
	 * Load-balanced claims are taken when messages enter the inbox, so a message taken
	 * here is pending for this member exactly like one taken by {@code next()}.
	 */
	@Override
	public @Nullable Message poll() {
		// what is buffered first: looking at the inbox's size on every call would read
		// the indices the pump thread writes
		Message message = this.inbox.poll();
		if (message != null) {
			return message;
		}
		pumpIfEmpty();
		return this.inbox.poll();
	}

	private void pumpIfEmpty() {
		if (this.inbox.size() == 0 && this.commands.isEmpty() && this.pumping.compareAndSet(false, true)) {
			try {
				if (this.commands.isEmpty() && !this.closed.get()) {
					refreshAssignment();
					pump();
				}
			}
			finally {
				this.pumping.set(false);
				if (this.pumpWaiting) {
					this.pumpWaiting = false;
					LockSupport.unpark(this.thread);
				}
			}
		}
	}

	@Override
	public Set<StreamKey> streamKeys() {
		return this.keys;
	}

	@Override
	public ConsumerMode mode() {
		return this.mode;
	}

	/**
	 * The consumer group, if the mode has one.
	 */
	@Nullable String group() {
		return this.group;
	}

	/**
	 * How many messages this load-balanced member has claimed and not committed.
	 */
	long pendingCount() {
		return (this.loadBalanced != null && this.member != null) ? this.loadBalanced.pendingCount(this.member) : 0;
	}

	/**
	 * Goes to the first message of each assigned shard whose timestamp is at or after the
	 * given time; buffered messages are dropped.
	 */
	@Override
	public CompletableFuture<Void> seek(Instant timestamp) {
		Objects.requireNonNull(timestamp, "timestamp");
		return command(() -> reposition((log) -> log.firstAtOrAfter(timestamp)));
	}

	/**
	 * Goes to the oldest message kept, past the newest, or the first message whose
	 * sequence is at least {@code n}; buffered messages are dropped.
	 */
	@Override
	public CompletableFuture<Void> rewind(SeqPos position) {
		Objects.requireNonNull(position, "position");
		ToLongFunction<MemLog> target;
		if (position instanceof SeqPos.At at) {
			long n = at.sequence();
			// an unsigned sequence beyond Long.MAX_VALUE is never reached
			target = (log) -> (n < 0) ? Long.MAX_VALUE : Math.max(n, log.head());
		}
		else if (position instanceof SeqPos.End) {
			target = (log) -> log.tail() + 1;
		}
		else {
			target = MemLog::head;
		}
		return command(() -> reposition(target));
	}

	/**
	 * Adds a shard of a subscribed stream, at once; it starts where a new consumer would.
	 */
	@Override
	public void assign(StreamKey key, ShardId shard) {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(shard, "shard");
		synchronized (this.explicitShards) {
			MemStream stream = subscribed(key);
			Set<ShardId> next = new TreeSet<>(assignedShards(key));
			next.add(shard);
			MemLog log = stream.shard(shard);
			this.assignedStarts.put(log, startOfNewConsumer(log));
			this.explicitShards.put(key, Set.copyOf(next));
			this.assignmentVersion++;
		}
		wake();
	}

	/**
	 * Removes a shard of a subscribed stream, at once.
	 * @throws SeaStreamerException {@link ErrorKind#STREAM_KEY_NOT_FOUND} if the stream
	 * is not subscribed or the shard not assigned; {@link ErrorKind#STREAM_KEY_EMPTY} if
	 * nothing would be left to read
	 */
	@Override
	public void unassign(StreamKey key, ShardId shard) {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(shard, "shard");
		synchronized (this.explicitShards) {
			subscribed(key);
			Set<ShardId> next = new TreeSet<>(assignedShards(key));
			if (!next.remove(shard)) {
				throw new SeaStreamerException(ErrorKind.STREAM_KEY_NOT_FOUND,
						"shard " + shard + " of `" + key + "` is not assigned to this consumer");
			}
			boolean othersLeft = false;
			for (StreamKey other : this.keys) {
				if (!other.equals(key)) {
					Set<ShardId> shards = this.explicitShards.get(other);
					othersLeft |= (shards == null || !shards.isEmpty());
				}
			}
			if (next.isEmpty() && !othersLeft) {
				throw new SeaStreamerException(ErrorKind.STREAM_KEY_EMPTY,
						"unassigning shard " + shard + " of `" + key + "` would leave this consumer nothing to read");
			}
			this.explicitShards.put(key, Set.copyOf(next));
			this.assignmentVersion++;
		}
		wake();
	}

	private MemStream subscribed(StreamKey key) {
		MemStream stream = this.streams.get(key);
		if (stream == null) {
			throw new SeaStreamerException(ErrorKind.STREAM_KEY_NOT_FOUND,
					"`" + key + "` is not subscribed by this consumer (subscribed: " + this.keys + ")");
		}
		return stream;
	}

	private Set<ShardId> assignedShards(StreamKey key) {
		Set<ShardId> shards = this.explicitShards.get(key);
		return (shards != null) ? shards : this.streams.get(key).shards().keySet();
	}

	/**
	 * Resumable: the group's position of that shard moves up to the message (never back).
	 * Load-balanced: the message and every earlier one of that shard pending for this
	 * member are done. Completes at once: the broker's memory is the durable store.
	 */
	@Override
	public CompletableFuture<Void> commit(MessageHeader header) {
		Objects.requireNonNull(header, "header");
		if (this.mode == ConsumerMode.REAL_TIME) {
			return CompletableFuture.failedFuture(new SeaStreamerException(ErrorKind.COMMIT_NOT_ALLOWED,
					"a REAL_TIME consumer has no position to commit; use RESUMABLE or LOAD_BALANCED"));
		}
		MemStream stream = this.streams.get(header.streamKey());
		MemLog log = (stream != null) ? stream.shards().get(header.shardId()) : null;
		if (log == null) {
			return CompletableFuture.failedFuture(new SeaStreamerException(ErrorKind.STREAM_KEY_NOT_FOUND,
					"cannot commit " + header + ": `" + header.streamKey() + "` shard " + header.shardId()
							+ " is not read by this consumer (subscribed: " + this.keys + ")"));
		}
		if (this.resumable != null) {
			this.resumable.commit(log, header.sequence());
		}
		else if (this.loadBalanced != null && this.member != null) {
			this.loadBalanced.commit(this.member, log, header.sequence());
		}
		return CompletableFuture.completedFuture(null);
	}

	/**
	 * Stops the pump; buffered messages are dropped and pending or later {@code next()}
	 * calls fail with {@link StreamEndedException}. A load-balanced member's uncommitted
	 * messages go to the other members.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.inbox.close(new StreamEndedException("consumer of " + this.keys + " on " + this.streamer.uri()
				+ (this.streamer.isDisconnected() ? " was disconnected" : " was closed")));
		this.inbox.clear();
		if (this.loadBalanced != null && this.member != null) {
			this.loadBalanced.leave(this.member);
		}
		for (MemStream stream : this.streams.values()) {
			stream.removeListener(this);
		}
		this.streamer.removed(this);
		LockSupport.unpark(this.thread);
		failCommands();
	}

	@Override
	public void appended() {
		if (this.sleeping) {
			LockSupport.unpark(this.thread);
		}
	}

	private void wake() {
		LockSupport.unpark(this.thread);
	}

	private CompletableFuture<Void> command(Runnable action) {
		CompletableFuture<Void> future = new CompletableFuture<>();
		if (this.closed.get()) {
			future.completeExceptionally(new StreamEndedException("consumer of " + this.keys + " was closed"));
			return future;
		}
		this.commands.add(new Command(action, future));
		if (this.closed.get()) {
			failCommands();
		}
		wake();
		return future;
	}

	private void failCommands() {
		Command command;
		while ((command = this.commands.poll()) != null) {
			command.future.completeExceptionally(new StreamEndedException("consumer of " + this.keys + " was closed"));
		}
	}

	// ---- the pump thread ----

	private void run() {
		try {
			while (!this.closed.get()) {
				if (!this.pumping.compareAndSet(false, true)) {
					// a caller of next() is pumping: wait until it is done (it unparks
					// this thread then, so no wake-up is lost)
					this.pumpWaiting = true;
					if (this.pumping.get()) {
						LockSupport.parkNanos(this, IDLE_PARK_NANOS);
					}
					continue;
				}
				boolean progress;
				try {
					runCommands();
					refreshAssignment();
					progress = pump();
				}
				finally {
					this.pumping.set(false);
				}
				if (progress) {
					continue;
				}
				this.sleeping = true;
				try {
					boolean idle = false;
					boolean full = false;
					if (this.commands.isEmpty() && this.pumping.compareAndSet(false, true)) {
						try {
							idle = !pump();
							full = this.inboxFull;
						}
						finally {
							this.pumping.set(false);
						}
					}
					if (idle && this.commands.isEmpty() && !this.closed.get()) {
						if (full) {
							this.inbox.whenSpace().thenRun(this::wake);
						}
						LockSupport.parkNanos(this, IDLE_PARK_NANOS);
					}
				}
				finally {
					this.sleeping = false;
				}
			}
		}
		catch (Throwable ex) {
			logger.error("mem consumer of {} on {} failed", this.keys, this.streamer.uri(), ex);
			this.inbox.close(new BackendException("mem", "consumer failed: " + ex, ex, false));
			close();
		}
		failCommands();
	}

	private void runCommands() {
		Command command;
		while ((command = this.commands.poll()) != null) {
			Command done = command;
			try {
				refreshAssignment();
				done.action.run();
				this.inbox.clear();
				DeliveryExecutor.shared().execute(() -> done.future.complete(null));
			}
			catch (RuntimeException ex) {
				DeliveryExecutor.shared().execute(() -> done.future.completeExceptionally(ex));
			}
		}
	}

	private void reposition(ToLongFunction<MemLog> target) {
		for (Cursor cursor : this.cursors.values()) {
			long position = target.applyAsLong(cursor.log);
			if (this.loadBalanced != null && this.member != null) {
				this.loadBalanced.reposition(this.member, cursor.log, position);
				cursor.next = 0;
				cursor.end = 0;
			}
			else {
				cursor.next = position;
			}
		}
	}

	private void refreshAssignment() {
		int version = this.assignmentVersion;
		boolean changed = version != this.seenAssignmentVersion;
		this.seenAssignmentVersion = version;
		for (Map.Entry<StreamKey, MemStream> entry : this.streams.entrySet()) {
			StreamKey key = entry.getKey();
			Map<ShardId, MemLog> shards = entry.getValue().shards();
			if (!changed && shards == this.seenShards.get(key)) {
				continue;
			}
			this.seenShards.put(key, shards);
			Set<ShardId> explicit = this.explicitShards.get(key);
			List<MemLog> unwanted = new ArrayList<>();
			for (MemLog log : this.cursors.keySet()) {
				if (log.key().equals(key) && explicit != null && !explicit.contains(log.shard())) {
					unwanted.add(log);
				}
			}
			unwanted.forEach(this.cursors::remove);
			for (ShardId shard : (explicit != null) ? explicit : shards.keySet()) {
				MemLog log = entry.getValue().shard(shard);
				Long assignedStart = this.assignedStarts.remove(log);
				if (!this.cursors.containsKey(log)) {
					// assigned: where a new consumer would have started then;
					// discovered: at its start
					addCursor(log, (assignedStart != null) ? assignedStart : log.head());
				}
			}
		}
	}

	private long startOfNewConsumer(MemLog log) {
		return (this.reset == StreamReset.LATEST) ? log.tail() + 1 : log.head();
	}

	private void addCursor(MemLog log, long start) {
		Cursor cursor = new Cursor(log);
		if (this.loadBalanced != null) {
			this.loadBalanced.start(log, start);
		}
		else if (this.resumable != null && this.resumable.isPositioned(log)) {
			cursor.next = this.resumable.committed(log) + 1;
		}
		else {
			cursor.next = start;
		}
		this.cursors.put(log, cursor);
	}

	/**
	 * Moves what is available into the inbox.
	 * @return whether anything was delivered
	 */
	private boolean pump() {
		this.inboxFull = false;
		boolean progress = false;
		for (Cursor cursor : this.cursors.values()) {
			if (this.loadBalanced != null && this.member != null && cursor.next >= cursor.end) {
				int room = this.inbox.capacity() - this.inbox.size();
				if (room <= 0) {
					this.inboxFull = true;
					return progress;
				}
				LoadBalancedGroup.Claim claim = this.loadBalanced.claim(this.member, cursor.log,
						Math.min(room, CLAIM_BATCH));
				if (claim == null) {
					continue;
				}
				cursor.next = claim.from();
				cursor.end = claim.to();
			}
			else if (this.loadBalanced == null) {
				cursor.end = Math.min(cursor.log.tail() + 1, cursor.next + BATCH);
			}
			MemLog log = cursor.log;
			while (cursor.next < cursor.end) {
				Message message = log.get(cursor.next);
				if (message == null) {
					// dropped by retention meanwhile: go on with the oldest kept
					cursor.next = Math.max(cursor.next + 1, log.head());
					continue;
				}
				if (!this.inbox.offer(message)) {
					this.inboxFull = !this.inbox.isClosed();
					return progress;
				}
				cursor.next++;
				progress = true;
			}
		}
		return progress;
	}

	private static final class Cursor {

		private final MemLog log;

		/** The next sequence to deliver. */
		private long next;

		/** Deliver up to here (exclusive): the tail, or the end of a claim. */
		private long end;

		Cursor(MemLog log) {
			this.log = log;
		}

	}

	private record Command(Runnable action, CompletableFuture<Void> future) {

	}

}

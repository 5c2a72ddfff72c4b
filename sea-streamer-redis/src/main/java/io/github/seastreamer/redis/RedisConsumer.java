package io.github.seastreamer.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.UnblockType;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.seastreamer.BackendException;
import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.ConnectionException;
import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.HostId;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.SeqPos;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamEndedException;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.UnsupportedFeatureException;
import io.github.seastreamer.spi.DeliveryExecutor;
import io.github.seastreamer.spi.Inbox;

/**
 * A Redis consumer. One read loop per consumer, apart from the callers: it issues
 * {@code XREAD}/{@code XREADGROUP ... BLOCK} on a dedicated connection, converts the
 * reply on a loop thread and hands messages over through an {@link Inbox}; the next read
 * is issued only when the inbox has room. Steps of the loop never run concurrently (a
 * work-in-progress counter serialises them), so the loop state needs no lock.
 * Acknowledgements are queued lock-free and sent as {@code XACK} batches in the
 * background.
 */
final class RedisConsumer implements Consumer {

	private static final Logger logger = LoggerFactory.getLogger(RedisConsumer.class);

	private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(127);

	private final RedisStreamer streamer;

	private final List<StreamKey> keys;

	private final ConsumerMode mode;

	private final StreamReset reset;

	private final RedisConsumerOptions options;

	private final @Nullable AutoCommit autoCommit;

	private final @Nullable String group;

	private final @Nullable byte[] groupBytes;

	private final @Nullable String consumerName;

	private final byte @Nullable [] consumerNameBytes;

	private final int batchSize;

	private final byte[] field;

	private final StatefulRedisConnection<byte[], byte[]> readConnection;

	private final RedisAsyncCommands<byte[], byte[]> reader;

	private final RedisAsyncCommands<byte[], byte[]> control;

	private final Inbox<Message> inbox;

	private final AtomicInteger wip = new AtomicInteger();

	private final ConcurrentLinkedQueue<Action> actions = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<Ack> delayedAcks = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<Ack> manualAcks = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean commitScheduled = new AtomicBoolean();

	/** (stream, shard) to the Redis keys read for it, for acknowledgements. */
	private final Map<ShardRef, List<byte[]>> shardIndex = new ConcurrentHashMap<>();

	/** What seek/rewind applies to; changed by assign/unassign. */
	private final Set<ShardRef> assignment = Collections.synchronizedSet(new LinkedHashSet<>());

	private final CompletableFuture<Void> ready = new CompletableFuture<>();

	private final CompletableFuture<Void> stopped = new CompletableFuture<>();

	private final AtomicBoolean closeRequested = new AtomicBoolean();

	/**
	 * Immediate and Disabled read on demand (as the Rust implementation): only while
	 * {@code next()} calls wait, at most as many entries as they want, so that nothing is
	 * read ahead into a buffer that a crash would lose (Immediate) or that would sit in
	 * this member's pending list while others are idle (Disabled).
	 */
	private final boolean onDemand;

	/** How many messages {@code next()} calls asked for (on demand only). */
	private final java.util.concurrent.atomic.AtomicLong requested = new java.util.concurrent.atomic.AtomicLong();

	private volatile boolean ioInFlight;

	private volatile @Nullable Runnable continuation;

	private volatile long readerClientId = -1;

	private volatile boolean blockingRead;

	private volatile @Nullable ScheduledFuture<?> commitTask;

	// loop state, touched only by the serialised steps
	private final List<Shard> shards = new ArrayList<>();

	private final Map<String, Shard> shardsByKey = new HashMap<>();

	private final ArrayDeque<Message> backlog = new ArrayDeque<>();

	private boolean initialised;

	private boolean pendingState = true;

	private boolean finished;

	private boolean readerIdStale;

	private long lastClaimCheck = System.nanoTime();

	private long lastDiscovery = System.nanoTime();

	private long retryAt = System.nanoTime();

	private long failingSince;

	private int failures;

	private long reads;

	private long readNanos;

	/** Set by the loop while it waits for room for a whole batch; cleared by next(). */
	private volatile boolean waitingForRoom;

	/** How many messages were handed to the inbox (on demand only). */
	private long offered;

	private byte @Nullable [] lastKeyBytes;

	private @Nullable Shard lastShard;

	RedisConsumer(RedisStreamer streamer, List<StreamKey> keys, ConsumerOptions generic, RedisConsumerOptions options) {
		this.streamer = streamer;
		this.keys = List.copyOf(keys);
		this.mode = generic.mode();
		this.reset = generic.streamReset();
		this.options = options;
		this.batchSize = options.batchSize(this.mode);
		this.field = streamer.redisOptions().messageField().getBytes(StandardCharsets.UTF_8);
		switch (this.mode) {
			case REAL_TIME -> {
				if (generic.group().isPresent()) {
					logger.debug("A RealTime Redis consumer ignores its group {}", generic.group().get());
				}
				this.group = null;
				this.consumerName = null;
				this.autoCommit = null;
			}
			case RESUMABLE -> {
				this.group = groupOf(generic);
				this.consumerName = options.consumerId().orElse(this.group);
				this.autoCommit = options.autoCommit();
			}
			default -> {
				this.group = groupOf(generic);
				this.consumerName = options.consumerId().orElse(uniqueName());
				this.autoCommit = options.autoCommit();
			}
		}
		this.groupBytes = (this.group != null) ? this.group.getBytes(StandardCharsets.UTF_8) : null;
		this.consumerNameBytes = (this.consumerName != null) ? this.consumerName.getBytes(StandardCharsets.UTF_8)
				: null;
		this.onDemand = this.autoCommit == AutoCommit.IMMEDIATE || this.autoCommit == AutoCommit.DISABLED;
		// room for a few batches, so that the next read overlaps with the caller's work;
		// next() does not spin before waiting: the server and the event loop need the
		// processors (measured: consume ratio 0.3-0.5 with the default spin, 0.93-0.98
		// without, on the 2-core bench machine)
		this.inbox = new Inbox<>(this.onDemand ? Math.max(1, this.batchSize) : Math.max(16, this.batchSize * 4),
				DeliveryExecutor.shared(), 0);
		this.control = streamer.control().async();
		this.readConnection = streamer.takeReadConnection();
		this.reader = this.readConnection.async();
	}

	/**
	 * The group of a Resumable or Load-balanced consumer created with these options: the
	 * one given, else one derived from the host id ({@code <host>:r} for Resumable,
	 * {@code <host>:s} for Load-balanced).
	 * @param options the consumer options, of a mode with groups
	 * @return the group
	 */
	static String groupOf(ConsumerOptions options) {
		return options.group().orElse(HostId.get() + ((options.mode() == ConsumerMode.RESUMABLE) ? ":r" : ":s"));
	}

	private static String uniqueName() {
		Instant now = Instant.now();
		long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
		return HostId.get() + ":" + ProcessHandle.current().pid() + ":" + Thread.currentThread().getId() + ":" + nanos;
	}

	/** Start the loop and wait (bounded) until the consumer has set up its streams. */
	void start() {
		if (this.autoCommit == AutoCommit.DELAYED || this.autoCommit == AutoCommit.ROLLING) {
			long period = Math.max(10, this.options.autoCommitInterval().toMillis());
			this.commitTask = this.streamer.scheduler()
				.scheduleWithFixedDelay(() -> commitNow(false), period, period, TimeUnit.MILLISECONDS);
		}
		schedule();
		try {
			this.ready.get(this.streamer.timeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			logger.warn("Redis consumer on {} not ready after {}; it keeps trying", this.keys, this.streamer.timeout());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (java.util.concurrent.ExecutionException ex) {
			// the error is delivered by next()
		}
	}

	// ---------------------------------------------------------------- public API

	@Override
	public CompletableFuture<Message> next() {
		CompletableFuture<Message> future = this.inbox.next();
		if (this.waitingForRoom && this.inbox.capacity() - this.inbox.size() >= this.batchSize) {
			// issue the next read from here: a non-blocking step (no I/O wait, no user
			// code),
			// saving a thread hop per batch when the caller keeps up with Redis
			this.waitingForRoom = false;
			scheduleHere();
		}
		if (this.onDemand) {
			this.requested.incrementAndGet();
			if (!future.isDone()) {
				future.whenComplete((message, error) -> {
					if (error instanceof java.util.concurrent.CancellationException
							|| error instanceof java.util.concurrent.TimeoutException) {
						// a cancelled call wants nothing: its message stays for the next
						// call
						this.requested.decrementAndGet();
					}
				});
				schedule();
			}
		}
		if (this.autoCommit == AutoCommit.DELAYED) {
			future.whenComplete((message, error) -> {
				if (message != null) {
					this.delayedAcks.add(new Ack(message.header(), System.nanoTime(), null));
				}
			});
		}
		return future;
	}

	/**
	 * An entry already read from Redis, or {@code null}; never waits and never reads
	 * ahead. A message taken here counts as delivered exactly as one from
	 * {@link #next()}: with Delayed auto-commit it is acknowledged after the delay, it
	 * frees room for the next read, and on demand (Immediate, Disabled) it counts as one
	 * request, so a {@code next()} waiting meanwhile still gets an entry read for it.
	 */
	@Override
	public @Nullable Message poll() {
		Message message = this.inbox.poll();
		if (message == null) {
			return null;
		}
		if (this.waitingForRoom && this.inbox.capacity() - this.inbox.size() >= this.batchSize) {
			this.waitingForRoom = false;
			scheduleHere();
		}
		if (this.onDemand) {
			this.requested.incrementAndGet();
			schedule();
		}
		if (this.autoCommit == AutoCommit.DELAYED) {
			this.delayedAcks.add(new Ack(message.header(), System.nanoTime(), null));
		}
		return message;
	}

	@Override
	public Set<StreamKey> streamKeys() {
		return new LinkedHashSet<>(this.keys);
	}

	@Override
	public ConsumerMode mode() {
		return this.mode;
	}

	/**
	 * Seek: RealTime reads from the first entry after millisecond {@code timestamp};
	 * Resumable moves its group ({@code XGROUP SETID <ms>-65535}); LoadBalanced refuses.
	 */
	@Override
	public CompletableFuture<Void> seek(Instant timestamp) {
		return reposition(new Target(RedisMessageId.lastOf(timestamp).toString(), false), "seek");
	}

	/**
	 * Rewind: Beginning = {@code 0-0}, End = the current tail, At(seq) = after that
	 * entry. Resumable moves its group with {@code XGROUP SETID}; LoadBalanced refuses.
	 */
	@Override
	public CompletableFuture<Void> rewind(SeqPos position) {
		Target target;
		if (position instanceof SeqPos.Beginning) {
			target = new Target("0-0", false);
		}
		else if (position instanceof SeqPos.End) {
			target = new Target("$", true);
		}
		else {
			target = new Target(RedisMessageId.fromSequence(((SeqPos.At) position).sequence()).toString(), false);
		}
		return reposition(target, "rewind");
	}

	private record Target(String id, boolean end) {
	}

	private CompletableFuture<Void> reposition(Target target, String what) {
		if (this.mode == ConsumerMode.LOAD_BALANCED) {
			return CompletableFuture.failedFuture(new UnsupportedFeatureException("redis " + what
					+ " on a LoadBalanced consumer: it would move the position of every member of group `" + this.group
					+ "`; use a RealTime consumer to re-read, or a Resumable one to move its own group"));
		}
		if (this.closeRequested.get()) {
			return CompletableFuture.failedFuture(new StreamEndedException("the consumer is closed"));
		}
		CompletableFuture<Void> result = new CompletableFuture<>();
		this.actions.add(new Action(() -> applyReposition(target).whenCompleteAsync((v, error) -> {
			if (error != null) {
				result.completeExceptionally(RedisErrors.map(error, this.streamer.secret(), what));
			}
			else {
				result.complete(null);
			}
		}, DeliveryExecutor.shared()), result));
		schedule();
		unblockUntil(result);
		return result;
	}

	@Override
	public void assign(StreamKey key, ShardId shard) {
		requireSubscribed(key);
		this.assignment.add(new ShardRef(key, shard.id(), key.name() + ":" + Long.toUnsignedString(shard.id())));
	}

	@Override
	public void unassign(StreamKey key, ShardId shard) {
		requireSubscribed(key);
		synchronized (this.assignment) {
			ShardRef found = null;
			for (ShardRef ref : this.assignment) {
				if (ref.key.equals(key) && ref.shard == shard.id()) {
					found = ref;
				}
			}
			if (found == null) {
				throw new SeaStreamerException(ErrorKind.STREAM_KEY_NOT_FOUND,
						"shard " + shard + " of " + key + " is not assigned");
			}
			if (this.assignment.size() == 1) {
				throw new SeaStreamerException(ErrorKind.STREAM_KEY_EMPTY,
						"unassigning shard " + shard + " of " + key + " would leave nothing to read");
			}
			this.assignment.remove(found);
		}
	}

	private void requireSubscribed(StreamKey key) {
		if (!this.keys.contains(key)) {
			throw new SeaStreamerException(ErrorKind.STREAM_KEY_NOT_FOUND, key + " is not subscribed");
		}
	}

	/**
	 * Acknowledge one entry ({@code XACK}): at once for Delayed and Disabled, at the next
	 * background commit for Rolling, a no-op for Immediate; RealTime refuses.
	 */
	@Override
	public CompletableFuture<Void> commit(MessageHeader header) {
		if (this.autoCommit == null) {
			return CompletableFuture.failedFuture(new SeaStreamerException(ErrorKind.COMMIT_NOT_ALLOWED,
					"a RealTime redis consumer reads without a group"));
		}
		if (this.autoCommit == AutoCommit.IMMEDIATE) {
			return CompletableFuture.completedFuture(null);
		}
		if (!this.shardIndex.containsKey(new ShardRef(header.streamKey(), header.shardId().id(), ""))) {
			return CompletableFuture.failedFuture(new SeaStreamerException(ErrorKind.STREAM_KEY_NOT_FOUND,
					"shard " + header.shardId() + " of " + header.streamKey() + " is not read by this consumer"));
		}
		CompletableFuture<Void> future = new CompletableFuture<>();
		this.manualAcks.add(new Ack(header, System.nanoTime(), future));
		if (this.autoCommit != AutoCommit.ROLLING) {
			requestCommit();
		}
		return future;
	}

	/**
	 * Commit what is due (respecting the Delayed cut-off), stop reading, close the
	 * connection. Blocks up to the connect timeout; idempotent.
	 */
	@Override
	public void close() {
		if (this.closeRequested.compareAndSet(false, true)) {
			schedule();
			unblockUntil(this.stopped);
		}
		try {
			this.stopped.get(this.streamer.timeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.warn("Redis consumer on {} did not stop cleanly: {}", this.keys, ex.getMessage());
		}
	}

	@Override
	public String toString() {
		return "RedisConsumer{" + this.streamer.uri().toMaskedUriString() + ", keys=" + this.keys + ", mode="
				+ this.mode + ((this.group != null) ? ", group=" + this.group + ", consumer=" + this.consumerName : "")
				+ "}";
	}

	String consumerName() {
		return String.valueOf(this.consumerName);
	}

	String group() {
		return String.valueOf(this.group);
	}

	// ---------------------------------------------------------------- loop machinery

	private void schedule() {
		if (this.wip.getAndIncrement() == 0) {
			try {
				this.streamer.loopExecutor().execute(this::runLoop);
			}
			catch (java.util.concurrent.RejectedExecutionException ex) {
				this.wip.set(0);
				finish(new StreamEndedException("the streamer is disconnected"));
			}
		}
	}

	/**
	 * Run the loop on this thread: for completions of Lettuce commands (the reply is
	 * converted where it arrives, saving a thread hop per batch; no user code runs in a
	 * step) and for the consumer's own timers. Callers' threads use {@link #schedule()}.
	 */
	private void scheduleHere() {
		if (this.wip.getAndIncrement() == 0) {
			runLoop();
		}
	}

	private void runLoop() {
		int missed = 1;
		while (true) {
			try {
				step();
			}
			catch (Throwable ex) {
				logger.error("Redis consumer loop failed", ex);
				fail(ex);
			}
			missed = this.wip.addAndGet(-missed);
			if (missed == 0) {
				return;
			}
		}
	}

	/** Issue an asynchronous command; its handler runs in a later loop step. */
	private <T> void io(CompletionStage<T> stage, BiConsumer<@Nullable T, @Nullable Throwable> handler) {
		this.ioInFlight = true;
		stage.whenComplete((result, error) -> {
			this.continuation = () -> handler.accept(result, error);
			this.ioInFlight = false;
			scheduleHere();
		});
	}

	private void step() {
		if (this.finished || this.ioInFlight) {
			return;
		}
		Runnable next = this.continuation;
		if (next != null) {
			this.continuation = null;
			next.run();
			if (this.finished || this.ioInFlight) {
				return;
			}
		}
		if (this.closeRequested.get()) {
			shutdown();
			return;
		}
		Action action = this.actions.poll();
		if (action != null) {
			io(action.run.get(), (r, e) -> {
			});
			return;
		}
		if (!this.initialised) {
			initialise();
			return;
		}
		if (!this.backlog.isEmpty()) {
			drainBacklog();
		}
		if (!this.backlog.isEmpty() || this.inbox.size() >= this.inbox.capacity()) {
			this.inbox.whenSpace().thenRun(this::schedule);
			return;
		}
		if (!this.onDemand && this.inbox.capacity() - this.inbox.size() < this.batchSize) {
			// not yet room for a whole batch: next() wakes the loop once there is, rather
			// than the loop waking up for every message taken
			this.waitingForRoom = true;
			if (this.inbox.capacity() - this.inbox.size() < this.batchSize) {
				return;
			}
			this.waitingForRoom = false;
		}
		long now = System.nanoTime();
		if (now - this.retryAt < 0) {
			return;
		}
		if (this.onDemand && this.requested.get() - this.offered <= 0) {
			// next() schedules the loop again
			return;
		}
		if (this.options.shardDiscoveryInterval().isPresent()
				&& now - this.lastDiscovery > this.options.shardDiscoveryInterval().get().toNanos()) {
			this.lastDiscovery = now;
			discover(false);
			return;
		}
		if (this.mode == ConsumerMode.LOAD_BALANCED && this.options.autoClaimInterval().isPresent()
				&& now - this.lastClaimCheck > this.options.autoClaimInterval().get().toNanos()) {
			this.lastClaimCheck = now;
			claim();
			return;
		}
		if (this.readerIdStale) {
			io(this.reader.clientId(), (id, error) -> {
				if (error == null && id != null) {
					this.readerClientId = id;
					this.readerIdStale = false;
				}
				else {
					onReadError(error);
				}
			});
			return;
		}
		read();
	}

	// ---------------------------------------------------------------- set-up and
	// discovery

	private void initialise() {
		CompletableFuture<Long> clientId = this.reader.clientId().toCompletableFuture();
		CompletableFuture<List<Shard>> found = discoverShards(true);
		io(clientId.thenCombine(found, (id, list) -> {
			this.readerClientId = id;
			return list;
		}), (list, error) -> {
			if (error != null) {
				SeaStreamerException mapped = RedisErrors.map(error, this.streamer.secret(),
						"setting up the consumer of " + this.keys);
				fail(mapped);
				this.ready.completeExceptionally(mapped);
				return;
			}
			addShards(list);
			this.initialised = true;
			this.lastDiscovery = System.nanoTime();
			this.ready.complete(null);
		});
	}

	private void discover(boolean initial) {
		io(discoverShards(initial), (list, error) -> {
			if (error != null) {
				logger.warn("Shard discovery for {} failed: {}", this.keys,
						RedisErrors.scrub(String.valueOf(error.getMessage()), this.streamer.secret()));
				return;
			}
			if (!list.isEmpty()) {
				logger.debug("Discovered new shards {}", list);
			}
			addShards(list);
		});
	}

	/** Find shard keys (or the plain key) not read yet, and prepare their positions. */
	private CompletableFuture<List<Shard>> discoverShards(boolean initial) {
		Set<String> known = new LinkedHashSet<>(this.shardsByKey.keySet());
		List<CompletableFuture<List<Shard>>> perKey = new ArrayList<>();
		for (StreamKey key : this.keys) {
			perKey.add(this.streamer.scanShardKeys(key).thenCompose((shardKeys) -> {
				List<Shard> fresh = new ArrayList<>();
				List<String> sorted = new ArrayList<>(shardKeys);
				sorted.sort((a, b) -> Long.compareUnsigned(RedisStreamer.parseShard(a, key),
						RedisStreamer.parseShard(b, key)));
				for (String redisKey : sorted) {
					if (!known.contains(redisKey)) {
						fresh.add(new Shard(key, RedisStreamer.parseShard(redisKey, key), redisKey));
					}
				}
				if (initial && fresh.isEmpty()) {
					fresh.add(new Shard(key, 0, key.name()));
				}
				return prepare(fresh, initial);
			}));
		}
		return CompletableFuture.allOf(perKey.toArray(CompletableFuture[]::new)).thenApply((v) -> {
			List<Shard> all = new ArrayList<>();
			perKey.forEach((f) -> all.addAll(f.join()));
			return all;
		});
	}

	/**
	 * Starting positions: RealTime Latest anchors each tail once ({@code XREVRANGE + -
	 * COUNT 1}); group modes create the group. Shards found while running start at their
	 * beginning (everything in them is new).
	 */
	private CompletableFuture<List<Shard>> prepare(List<Shard> fresh, boolean initial) {
		List<CompletableFuture<?>> steps = new ArrayList<>();
		boolean latest = initial && this.reset == StreamReset.LATEST;
		for (Shard shard : fresh) {
			if (this.group == null) {
				if (latest) {
					steps.add(anchorTail(shard));
				}
				else {
					shard.lastId = "0-0";
				}
			}
			else {
				steps.add(createGroup(shard, latest ? "$" : "0"));
			}
		}
		return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)).thenApply((v) -> fresh);
	}

	private CompletableFuture<Void> anchorTail(Shard shard) {
		return tailOf(shard).thenAccept((id) -> shard.lastId = id);
	}

	/**
	 * The id of the newest entry ({@code XREVRANGE <key> + - COUNT 1}), {@code 0-0} if
	 * none.
	 */
	private CompletableFuture<String> tailOf(Shard shard) {
		return this.control.xrevrange(shard.keyBytes, Range.unbounded(), Limit.from(1))
			.toCompletableFuture()
			.thenApply((entries) -> entries.isEmpty() ? "0-0" : entries.get(0).getId());
	}

	private CompletableFuture<Void> createGroup(Shard shard, String start) {
		XGroupCreateArgs args = XGroupCreateArgs.Builder.mkstream(this.options.mkstream());
		CompletableFuture<Void> result = new CompletableFuture<>();
		this.control.xgroupCreate(StreamOffset.from(shard.keyBytes, start), this.groupBytes, args)
			.whenComplete((ok, error) -> {
				if (error == null || RedisErrors.isServerError(error, "BUSYGROUP")) {
					result.complete(null);
				}
				else if (RedisErrors.isServerError(error)) {
					result.completeExceptionally(new BackendException(RedisErrors.BACKEND, "XGROUP CREATE "
							+ shard.redisKey + " " + this.group + " failed: "
							+ SeaStreamerException.unwrap(error).getMessage() + (this.options.mkstream() ? ""
									: " (the stream does not exist; set RedisConsumerOptions.mkstream(true) to create it)")));
				}
				else {
					result.completeExceptionally(error);
				}
			});
		return result;
	}

	private void addShards(List<Shard> list) {
		for (Shard shard : list) {
			if (this.shardsByKey.putIfAbsent(shard.redisKey, shard) == null) {
				this.shards.add(shard);
				this.shardIndex.compute(new ShardRef(shard.key, shard.shard, ""), (ref, existing) -> {
					List<byte[]> redisKeys = (existing != null) ? new ArrayList<>(existing) : new ArrayList<>();
					redisKeys.add(shard.keyBytes);
					return List.copyOf(redisKeys);
				});
				this.assignment.add(new ShardRef(shard.key, shard.shard, shard.redisKey));
			}
		}
	}

	// ---------------------------------------------------------------- reading

	private void read() {
		int count = this.onDemand ? (int) Math.max(1, Math.min(this.batchSize, this.requested.get() - this.offered))
				: this.batchSize;
		XReadArgs args = XReadArgs.Builder.block(this.options.heartbeat().toMillis()).count(count);
		CommandArgs<byte[], byte[]> command = new CommandArgs<>(ByteArrayCodec.INSTANCE);
		if (this.group != null) {
			args.noack(this.autoCommit == AutoCommit.IMMEDIATE);
			command.add("GROUP").add(this.groupBytes).add(this.consumerNameBytes);
		}
		args.build(command);
		command.add("STREAMS");
		for (Shard shard : this.shards) {
			command.addKey(shard.keyBytes);
		}
		for (Shard shard : this.shards) {
			String id;
			if (this.group == null) {
				id = (shard.lastId != null) ? shard.lastId : "0-0";
			}
			else {
				id = this.pendingState ? ((shard.lastId != null) ? shard.lastId : "0-0") : ">";
			}
			command.add(id);
		}
		boolean readingPending = this.group != null && this.pendingState;
		this.blockingRead = !readingPending;
		// decoded by our own output: no StreamMessage, map or id string per entry
		CompletionStage<StreamPage> reply = this.reader.dispatch(
				(this.group == null) ? CommandType.XREAD : CommandType.XREADGROUP, new StreamPage.Output(this.field),
				command);
		long issued = System.nanoTime();
		this.reads++;
		io(reply, (page, error) -> {
			this.readNanos += System.nanoTime() - issued;
			this.blockingRead = false;
			if (error != null || page == null) {
				onReadError(error);
				return;
			}
			this.failures = 0;
			if (readingPending && page.size() == 0) {
				this.pendingState = false;
			}
			if (!readingPending && canReadAhead(page.size())) {
				// the next read travels while this batch is converted and handed over
				for (int run = 0; run < page.runs(); run++) {
					Shard shard = shardOf(page.runKey(run));
					if (shard != null && page.runEnd(run) > page.runStart(run)) {
						shard.lastId = page.id(page.runEnd(run) - 1);
					}
				}
				read();
				accept(page, false);
			}
			else {
				accept(page, true);
			}
		});
	}

	/**
	 * Whether the next read may be issued before the entries just read are handed over:
	 * nothing else is due and the inbox will still have room for a whole batch.
	 */
	private boolean canReadAhead(int entries) {
		if (this.onDemand || this.finished || this.closeRequested.get() || !this.actions.isEmpty()
				|| !this.backlog.isEmpty() || this.readerIdStale) {
			return false;
		}
		if (this.inbox.capacity() - this.inbox.size() - entries < this.batchSize) {
			return false;
		}
		long now = System.nanoTime();
		if (this.options.shardDiscoveryInterval().isPresent()
				&& now - this.lastDiscovery > this.options.shardDiscoveryInterval().get().toNanos()) {
			return false;
		}
		return !(this.mode == ConsumerMode.LOAD_BALANCED && this.options.autoClaimInterval().isPresent()
				&& now - this.lastClaimCheck > this.options.autoClaimInterval().get().toNanos());
	}

	private void accept(List<StreamMessage<byte[], byte[]>> entries, boolean advance) {
		for (StreamMessage<byte[], byte[]> entry : entries) {
			Shard shard = shardOf(entry.getStream());
			if (shard == null) {
				logger.warn("Entry {} of an unknown key ignored", entry.getId());
				continue;
			}
			RedisMessageId id = RedisMessageId.parse(entry.getId());
			if (advance) {
				shard.lastId = entry.getId();
			}
			byte[] payload = payloadOf(entry);
			MessageHeader header = new MessageHeader(shard.key, shard.shardId, id.sequence(), id.timestamp());
			if (payload == null) {
				skip(shard, entry.getId(), entry.getBody() != null && !entry.getBody().isEmpty(), header);
				continue;
			}
			this.backlog.add(Message.of(header, payload));
		}
		drainBacklog();
	}

	private void accept(StreamPage page, boolean advance) {
		// entries of one millisecond share one Instant (ids ms-0, ms-1, ...)
		long lastMillis = -1;
		Instant lastTime = Instant.EPOCH;
		for (int run = 0; run < page.runs(); run++) {
			int start = page.runStart(run);
			int end = page.runEnd(run);
			Shard shard = shardOf(page.runKey(run));
			if (shard == null) {
				for (int i = start; i < end; i++) {
					logger.warn("Entry {} of an unknown key ignored", page.id(i));
				}
				continue;
			}
			for (int i = start; i < end; i++) {
				long sequence = page.sequence(i);
				long millis = sequence >>> 16;
				if (millis != lastMillis) {
					lastMillis = millis;
					lastTime = Instant.ofEpochMilli(millis);
				}
				MessageHeader header = new MessageHeader(shard.key, shard.shardId, sequence, lastTime);
				byte[] payload = page.payload(i);
				if (payload == null) {
					skip(shard, page.id(i), page.hasOtherFields(i), header);
					continue;
				}
				Map<String, String> attributes = page.attributes(i);
				Message message = attributes.isEmpty() ? Message.of(header, payload)
						: Message.of(header, payload, 0, payload.length, attributes);
				if (this.backlog.isEmpty() && this.inbox.offer(message)) {
					this.offered++;
				}
				else {
					this.backlog.add(message);
				}
			}
			if (advance && end > start) {
				shard.lastId = page.id(end - 1);
			}
		}
		drainBacklog();
	}

	private void drainBacklog() {
		Message message;
		while ((message = this.backlog.peek()) != null && this.inbox.offer(message)) {
			this.backlog.poll();
			this.offered++;
		}
	}

	/**
	 * An entry without the message field (not written by SeaStreamer) or deleted while
	 * pending: not a message. It is logged and, in group modes, acknowledged, so that it
	 * does not stay in the pending list forever.
	 */
	private void skip(Shard shard, String id, boolean hasFields, MessageHeader header) {
		if (hasFields) {
			logger.warn("Entry {} of {} has no field `{}`; skipped", id, shard.redisKey,
					new String(this.field, StandardCharsets.UTF_8));
		}
		if (this.group != null && this.autoCommit != AutoCommit.IMMEDIATE) {
			this.manualAcks.add(new Ack(header, System.nanoTime(), null));
			requestCommit();
		}
	}

	private byte @Nullable [] payloadOf(StreamMessage<byte[], byte[]> entry) {
		Map<byte[], byte[]> body = entry.getBody();
		if (body == null) {
			return null;
		}
		for (Map.Entry<byte[], byte[]> kv : body.entrySet()) {
			if (java.util.Arrays.equals(kv.getKey(), this.field)) {
				return (kv.getValue() != null) ? kv.getValue() : new byte[0];
			}
		}
		return null;
	}

	private @Nullable Shard shardOf(byte[] keyBytes) {
		if (keyBytes == this.lastKeyBytes || java.util.Arrays.equals(keyBytes, this.lastKeyBytes)) {
			return this.lastShard;
		}
		Shard shard = this.shardsByKey.get(new String(keyBytes, StandardCharsets.UTF_8));
		this.lastKeyBytes = keyBytes;
		this.lastShard = shard;
		return shard;
	}

	private void onReadError(@Nullable Throwable error) {
		if (this.closeRequested.get()) {
			return;
		}
		Throwable cause = SeaStreamerException.unwrap((error != null) ? error : new IllegalStateException("no reply"));
		if (this.group != null && RedisErrors.isServerError(cause, "NOGROUP")) {
			// the stream or the group was deleted (or the server lost its data): create
			// it again
			logger.warn("Group {} is missing on {}: creating it again", this.group, this.keys);
			List<CompletableFuture<Void>> creates = new ArrayList<>();
			for (Shard shard : this.shards) {
				creates.add(createGroup(shard, "0"));
			}
			io(CompletableFuture.allOf(creates.toArray(CompletableFuture[]::new)), (v, e) -> {
				if (e != null) {
					fail(e);
				}
			});
			return;
		}
		if (!RedisErrors.isTransient(cause)) {
			fail(cause);
			return;
		}
		long now = System.nanoTime();
		if (this.failures++ == 0) {
			this.failingSince = now;
		}
		else if (now - this.failingSince > GIVE_UP_NANOS) {
			fail(new ConnectionException("Connection to " + this.streamer.uri().toMaskedUriString() + " is dead: "
					+ RedisErrors.scrub(String.valueOf(cause.getMessage()), this.streamer.secret())));
			return;
		}
		this.readerIdStale = true;
		long delay = Math.min(5_000, 50L << Math.min(this.failures, 7));
		logger.info("Redis read failed ({}); retrying in {} ms",
				RedisErrors.scrub(String.valueOf(cause.getMessage()), this.streamer.secret()), delay);
		this.retryAt = now + TimeUnit.MILLISECONDS.toNanos(delay);
		this.streamer.scheduler().schedule(this::schedule, delay, TimeUnit.MILLISECONDS);
	}

	/**
	 * Cut the blocking read short ({@code CLIENT UNBLOCK ... TIMEOUT}) until the request
	 * is done; retried because the read may not have reached the server yet.
	 */
	private void unblockUntil(CompletableFuture<?> done) {
		if (done.isDone() || this.stopped.isDone()) {
			return;
		}
		long id = this.readerClientId;
		if (id >= 0 && this.blockingRead) {
			this.control.clientUnblock(id, UnblockType.TIMEOUT).whenComplete((n, e) -> retryUnblock(done));
		}
		else {
			retryUnblock(done);
		}
	}

	private void retryUnblock(CompletableFuture<?> done) {
		if (!done.isDone() && !this.stopped.isDone()) {
			try {
				this.streamer.scheduler().schedule(() -> unblockUntil(done), 20, TimeUnit.MILLISECONDS);
			}
			catch (java.util.concurrent.RejectedExecutionException ex) {
				// the streamer is disconnecting
			}
		}
	}

	// ---------------------------------------------------------------- failover

	/**
	 * Look for members idle longer than the claim idle time with pending entries
	 * ({@code XINFO CONSUMERS}); if any, claim idle entries in this consumer's own name
	 * ({@code XAUTOCLAIM <key> <group> <self> <idle> <start> COUNT <n>}) and deliver them
	 * before reading on.
	 */
	private void claim() {
		long idleMs = this.options.autoClaimIdle().toMillis();
		List<CompletableFuture<List<StreamMessage<byte[], byte[]>>>> perShard = new ArrayList<>();
		for (Shard shard : this.shards) {
			perShard.add(
					this.control.xinfoConsumers(shard.keyBytes, this.groupBytes)
						.toCompletableFuture()
						.thenCompose((infos) -> hasIdleMember(infos, idleMs)
								? claimFrom(shard, "0-0", idleMs, new ArrayList<>())
								: CompletableFuture.completedFuture(List.<StreamMessage<byte[], byte[]>>of()))
						.exceptionally((error) -> {
							logger.debug("Claim check on {} failed: {}", shard.redisKey, error.getMessage());
							return List.of();
						}));
		}
		io(CompletableFuture.allOf(perShard.toArray(CompletableFuture[]::new)), (v, error) -> {
			for (CompletableFuture<List<StreamMessage<byte[], byte[]>>> f : perShard) {
				List<StreamMessage<byte[], byte[]>> claimed = f.join();
				if (!claimed.isEmpty()) {
					logger.info("Claimed {} idle entries in group {}", claimed.size(), this.group);
				}
				accept(claimed, false);
			}
		});
	}

	private boolean hasIdleMember(List<Object> infos, long idleMs) {
		for (Object info : infos) {
			if (!(info instanceof List<?> fields)) {
				continue;
			}
			String name = null;
			long pending = 0;
			long idle = 0;
			for (int i = 0; i + 1 < fields.size(); i += 2) {
				String key = text(fields.get(i));
				Object value = fields.get(i + 1);
				switch (key) {
					case "name" -> name = text(value);
					case "pending" -> pending = number(value);
					case "idle" -> idle = number(value);
					default -> {
					}
				}
			}
			if (name != null && !name.equals(this.consumerName) && pending > 0 && idle > idleMs) {
				return true;
			}
		}
		return false;
	}

	private CompletableFuture<List<StreamMessage<byte[], byte[]>>> claimFrom(Shard shard, String start, long idleMs,
			List<StreamMessage<byte[], byte[]>> claimed) {
		XAutoClaimArgs<byte[]> args = new XAutoClaimArgs<byte[]>()
			.consumer(
					io.lettuce.core.Consumer.from(this.groupBytes, this.consumerName.getBytes(StandardCharsets.UTF_8)))
			.minIdleTime(idleMs)
			.startId(start)
			.count(this.batchSize);
		return this.control.xautoclaim(shard.keyBytes, args)
			.toCompletableFuture()
			.thenCompose((ClaimedMessages<byte[], byte[]> reply) -> {
				for (StreamMessage<byte[], byte[]> m : reply.getMessages()) {
					// XAUTOCLAIM replies carry no stream name
					claimed.add(new StreamMessage<>(shard.keyBytes, m.getId(), m.getBody()));
				}
				boolean more = !reply.getMessages().isEmpty() && !"0-0".equals(reply.getId())
						&& claimed.size() < this.batchSize * 10;
				return more ? claimFrom(shard, reply.getId(), idleMs, claimed)
						: CompletableFuture.completedFuture(claimed);
			});
	}

	private static String text(Object value) {
		return (value instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
	}

	private static long number(Object value) {
		if (value instanceof Number n) {
			return n.longValue();
		}
		try {
			return Long.parseLong(text(value));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	// ---------------------------------------------------------------- seek and rewind

	private CompletableFuture<Void> applyReposition(Target target) {
		// shards assigned or unassigned since the last seek take effect now
		List<ShardRef> wanted;
		synchronized (this.assignment) {
			wanted = new ArrayList<>(this.assignment);
		}
		List<Shard> kept = new ArrayList<>();
		for (ShardRef ref : wanted) {
			Shard shard = this.shardsByKey.get(ref.redisKey);
			kept.add((shard != null) ? shard : new Shard(ref.key, ref.shard, ref.redisKey));
		}
		this.shards.clear();
		this.shardsByKey.clear();
		this.lastKeyBytes = null;
		this.lastShard = null;
		this.shardIndex.clear();
		addShards(kept);
		this.backlog.clear();
		this.offered -= this.inbox.clear();
		this.pendingState = false;
		List<CompletableFuture<?>> steps = new ArrayList<>();
		for (Shard shard : this.shards) {
			// a target past the newest entry (a seek into the future, rewind(End)) is the
			// tail:
			// entries written later get ids of the current time and must not be skipped
			CompletableFuture<String> position = tailOf(shard).thenApply((tail) -> {
				if (target.end) {
					return tail;
				}
				return (RedisMessageId.parse(target.id).compareTo(RedisMessageId.parse(tail)) > 0) ? tail : target.id;
			});
			if (this.group == null) {
				steps.add(position.thenAccept((id) -> shard.lastId = id));
			}
			else {
				steps.add(
						createGroup(shard, "0").thenCombine(position, (v, id) -> id)
							.thenCompose((id) -> this.control
								.xgroupSetid(StreamOffset.from(shard.keyBytes, id), this.groupBytes)
								.toCompletableFuture()));
			}
		}
		return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new));
	}

	// ---------------------------------------------------------------- acknowledgements

	private void requestCommit() {
		if (this.commitScheduled.compareAndSet(false, true)) {
			try {
				this.streamer.scheduler().execute(() -> {
					this.commitScheduled.set(false);
					commitNow(false);
				});
			}
			catch (java.util.concurrent.RejectedExecutionException ex) {
				this.commitScheduled.set(false);
				commitNow(false);
			}
		}
	}

	/**
	 * Send what is due: every manual acknowledgement and the automatic ones older than
	 * the Delayed cut-off, one {@code XACK} per Redis key. Failed acknowledgements are
	 * queued again (their commit futures fail).
	 */
	private CompletableFuture<Void> commitNow(boolean closing) {
		if (this.groupBytes == null) {
			return CompletableFuture.completedFuture(null);
		}
		List<Ack> due = new ArrayList<>();
		Ack ack;
		while ((ack = this.manualAcks.poll()) != null) {
			due.add(ack);
		}
		// at close every message next() handed out counts as processed
		long cutoff = System.nanoTime() - this.options.autoCommitDelay().toNanos();
		while ((ack = this.delayedAcks.peek()) != null && (closing || ack.stamp - cutoff <= 0)) {
			due.add(this.delayedAcks.poll());
		}
		if (due.isEmpty()) {
			return CompletableFuture.completedFuture(null);
		}
		Map<String, List<Ack>> byKey = new LinkedHashMap<>();
		Map<String, byte[]> keyBytes = new HashMap<>();
		for (Ack a : due) {
			List<byte[]> redisKeys = this.shardIndex
				.get(new ShardRef(a.header.streamKey(), a.header.shardId().id(), ""));
			if (redisKeys == null) {
				if (a.future != null) {
					a.future.completeExceptionally(new SeaStreamerException(ErrorKind.STREAM_KEY_NOT_FOUND, "shard "
							+ a.header.shardId() + " of " + a.header.streamKey() + " is not read by this consumer"));
				}
				continue;
			}
			for (byte[] k : redisKeys) {
				String name = new String(k, StandardCharsets.UTF_8);
				keyBytes.put(name, k);
				byKey.computeIfAbsent(name, (n) -> new ArrayList<>()).add(a);
			}
		}
		List<CompletableFuture<Void>> sends = new ArrayList<>();
		for (Map.Entry<String, List<Ack>> entry : byKey.entrySet()) {
			List<Ack> acks = entry.getValue();
			String[] ids = acks.stream()
				.map((a) -> RedisMessageId.fromSequence(a.header.sequence()).toString())
				.distinct()
				.toArray(String[]::new);
			sends.add(this.control.xack(keyBytes.get(entry.getKey()), this.groupBytes, ids)
				.toCompletableFuture()
				.handleAsync((count, error) -> {
					for (Ack a : acks) {
						if (a.future == null) {
							continue;
						}
						if (error != null) {
							a.future.completeExceptionally(RedisErrors.map(error, this.streamer.secret(), "XACK"));
						}
						else {
							a.future.complete(null);
						}
					}
					if (error != null && !closing) {
						logger.warn("XACK on {} failed ({}); retrying later", entry.getKey(),
								RedisErrors.scrub(String.valueOf(error.getMessage()), this.streamer.secret()));
						for (Ack a : acks) {
							this.manualAcks.add(new Ack(a.header, a.stamp, null));
						}
					}
					return null;
				}, DeliveryExecutor.shared()));
		}
		return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
	}

	// ---------------------------------------------------------------- ending

	private void shutdown() {
		this.finished = true;
		if (logger.isDebugEnabled()) {
			logger.debug("Redis consumer of {} closed after {} reads, {} µs per read on average", this.keys, this.reads,
					(this.reads > 0) ? this.readNanos / this.reads / 1000 : 0);
		}
		ScheduledFuture<?> task = this.commitTask;
		if (task != null) {
			task.cancel(false);
		}
		CompletableFuture<Void> committed;
		try {
			committed = commitNow(true);
		}
		catch (RuntimeException ex) {
			committed = CompletableFuture.failedFuture(ex);
		}
		this.backlog.clear();
		this.inbox.clear();
		this.inbox.close(new StreamEndedException("the redis consumer is closed"));
		failActions(new StreamEndedException("the redis consumer is closed"));
		committed.orTimeout(this.streamer.timeout().toMillis(), TimeUnit.MILLISECONDS)
			.whenComplete((v, e) -> this.readConnection.closeAsync().whenComplete((c, ce) -> {
				this.streamer.removed(this);
				this.stopped.complete(null);
			}));
	}

	private void fail(Throwable error) {
		if (this.finished) {
			return;
		}
		SeaStreamerException mapped = RedisErrors.map(error, this.streamer.secret(), "redis consumer of " + this.keys);
		logger.warn("Redis consumer of {} stopped: {}", this.keys, mapped.getMessage());
		this.finished = true;
		ScheduledFuture<?> task = this.commitTask;
		if (task != null) {
			task.cancel(false);
		}
		this.backlog.clear();
		this.inbox.close(mapped);
		this.ready.completeExceptionally(mapped);
		failActions(mapped);
		this.readConnection.closeAsync().whenComplete((c, e) -> {
			this.streamer.removed(this);
			this.stopped.complete(null);
		});
	}

	private void finish(Throwable error) {
		this.finished = true;
		this.inbox.close(error);
		this.stopped.complete(null);
	}

	private void failActions(Throwable error) {
		Action action;
		while ((action = this.actions.poll()) != null) {
			CompletableFuture<Void> result = action.result;
			DeliveryExecutor.shared().execute(() -> result.completeExceptionally(error));
		}
	}

	// ---------------------------------------------------------------- small types

	/** One Redis key read by this consumer and its position. */
	private static final class Shard {

		final StreamKey key;

		final long shard;

		final String redisKey;

		final byte[] keyBytes;

		final ShardId shardId;

		volatile @Nullable String lastId;

		Shard(StreamKey key, long shard, String redisKey) {
			this.key = key;
			this.shard = shard;
			this.shardId = ShardId.of(shard);
			this.redisKey = redisKey;
			this.keyBytes = redisKey.getBytes(StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			return this.redisKey;
		}

	}

	/** (stream, shard), with the Redis key it is read from (ignored by equality). */
	private static final class ShardRef {

		final StreamKey key;

		final long shard;

		final String redisKey;

		ShardRef(StreamKey key, long shard, String redisKey) {
			this.key = key;
			this.shard = shard;
			this.redisKey = redisKey;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof ShardRef that && this.key.equals(that.key) && this.shard == that.shard;
		}

		@Override
		public int hashCode() {
			return this.key.hashCode() * 31 + Long.hashCode(this.shard);
		}

	}

	private record Action(Supplier<CompletionStage<?>> run, CompletableFuture<Void> result) {
	}

	private record Ack(MessageHeader header, long stamp, @Nullable CompletableFuture<Void> future) {
	}

}

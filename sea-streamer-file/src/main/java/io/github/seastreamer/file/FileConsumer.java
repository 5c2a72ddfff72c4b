package io.github.seastreamer.file;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.SeqPos;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamEndedException;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.spi.DeliveryExecutor;
import io.github.seastreamer.spi.Inbox;
import org.jspecify.annotations.Nullable;

/**
 * A consumer of streams of one file; its reader thread hands messages over through an
 * {@link Inbox}, one {@link FrameRun.Slice} per run of frames, whose payload checksums
 * the consumer checks as it takes the slice unless the reader did (see {@link FrameRun}).
 * Shards: every shard by default; {@link #assign} narrows a stream to the assigned
 * shards, {@link #unassign} removes one.
 */
final class FileConsumer implements Consumer {

	private final Set<StreamKey> keys;

	private final boolean wildcard;

	private final ConsumerMode mode;

	private static final int SPIN = 200;

	/** How long {@link #next()} looks for a message itself before it waits for one. */
	private static final long WAIT_NANOS = 100_000L;

	private volatile Inbox<FrameRun.Slice> inbox;

	private final int slices;

	/** Guards the messages taken from the inbox but not delivered yet. */
	private final Object lock = new Object();

	/** The slice being delivered. */
	private FrameRun.@Nullable Slice current;

	/** The next message of {@link #current} to deliver. */
	private int position;

	/** How many messages of {@link #current} may be delivered. */
	private int limit;

	/** Slices a waiting caller received, delivered before the inbox's. */
	private final ArrayDeque<FrameRun.Slice> arrived = new ArrayDeque<>();

	/** Messages that reached a caller who had cancelled, delivered first. */
	private final ArrayDeque<Message> returned = new ArrayDeque<>();

	/** Callers waiting for a message, oldest first. */
	private final ArrayDeque<CompletableFuture<Message>> waiters = new ArrayDeque<>();

	/** Whether an inbox wait for the waiters is under way. */
	private boolean pumping;

	/**
	 * The first generation of runs of the reader's current position: a slice of an
	 * earlier one that reaches a waiter after a reset is dropped.
	 */
	private long minGeneration;

	private volatile boolean endedNormally;

	private final @Nullable GroupOffsets offsets;

	private final FileStreamer streamer;

	private volatile Map<StreamKey, ShardSelection> shards = Map.of();

	private @Nullable ReaderTask reader;

	private volatile boolean closed;

	/**
	 * The last key found wanted (the subscribed keys never change, so a stale value is
	 * still right): no set lookup per frame for a run of one stream.
	 */
	private @Nullable StreamKey lastWanted;

	FileConsumer(FileStreamer streamer, Set<StreamKey> keys, ConsumerMode mode, int capacity,
			@Nullable GroupOffsets offsets) {
		this.streamer = streamer;
		this.keys = Set.copyOf(keys);
		this.wildcard = keys.stream().anyMatch((k) -> k.name().equals(StreamKey.SEA_STREAMER_WILDCARD));
		this.mode = mode;
		this.slices = FrameRun.slices(capacity);
		this.inbox = new Inbox<>(this.slices, DeliveryExecutor.shared(), 0);
		this.offsets = offsets;
	}

	void attach(ReaderTask reader) {
		this.reader = reader;
	}

	boolean isWildcard() {
		return this.wildcard;
	}

	Inbox<FrameRun.Slice> inbox() {
		return this.inbox;
	}

	boolean wantsKey(StreamKey key) {
		if (key == this.lastWanted) {
			return true;
		}
		boolean wanted = this.keys.contains(key)
				|| (this.wildcard && !key.name().equals(StreamKey.SEA_STREAMER_INTERNAL));
		if (wanted) {
			this.lastWanted = key;
		}
		return wanted;
	}

	boolean wants(StreamKey key, long shard) {
		if (!wantsKey(key)) {
			return false;
		}
		Map<StreamKey, ShardSelection> selections = this.shards;
		if (selections.isEmpty()) {
			return true;
		}
		ShardSelection selection = selections.get(key);
		return selection == null || selection.includes(shard);
	}

	@Override
	public CompletableFuture<Message> next() {
		// A reader a few microseconds behind: spin, then give the core away, for a
		// bounded time before falling back to a hand-over through the delivery executor
		// (two thread switches).
		long deadline = 0;
		for (int i = 0;; i++) {
			Message message = take();
			if (message != null) {
				return CompletableFuture.completedFuture(message);
			}
			if (this.inbox.isClosed()) {
				break;
			}
			if (i < SPIN) {
				Thread.onSpinWait();
				continue;
			}
			long now = System.nanoTime();
			if (deadline == 0) {
				deadline = now + WAIT_NANOS;
			}
			else if (now - deadline >= 0) {
				break;
			}
			Thread.yield();
		}
		return await();
	}

	@Override
	public @Nullable Message poll() {
		return take();
	}

	/**
	 * The next deliverable message here or in the inbox, without waiting for the reader:
	 * a slice is taken from the inbox and its run checked (or its check by another thread
	 * awaited) first; messages after damage are dropped.
	 */
	private @Nullable Message take() {
		synchronized (this.lock) {
			Message message = this.returned.pollFirst();
			if (message != null) {
				return message;
			}
			while (true) {
				FrameRun.Slice slice = this.current;
				if (slice != null && this.position < this.limit) {
					return slice.message(this.position++);
				}
				slice = this.arrived.pollFirst();
				if (slice == null) {
					slice = this.inbox.poll();
				}
				if (slice == null) {
					this.current = null;
					return null;
				}
				this.current = slice;
				this.position = 0;
				this.limit = slice.deliverable();
			}
		}
	}

	/**
	 * Wait for the reader to hand over a slice. Waiting callers queue here and one inbox
	 * wait at a time serves them all, since one slice holds messages for many callers; a
	 * message that reaches a caller who cancelled meanwhile stays for the next call.
	 */
	private CompletableFuture<Message> await() {
		CompletableFuture<Message> result = new CompletableFuture<>();
		synchronized (this.lock) {
			this.waiters.addLast(result);
		}
		serve();
		return result;
	}

	private void serve() {
		while (true) {
			CompletableFuture<Message> waiter;
			Message message;
			boolean pump = false;
			Inbox<FrameRun.Slice> source;
			synchronized (this.lock) {
				while ((waiter = this.waiters.peekFirst()) != null && waiter.isDone()) {
					this.waiters.pollFirst();
				}
				if (waiter == null) {
					return;
				}
				message = take();
				if (message != null) {
					this.waiters.pollFirst();
				}
				else if (!this.pumping) {
					this.pumping = true;
					pump = true;
				}
				source = this.inbox;
			}
			if (message != null) {
				if (!waiter.complete(message)) {
					synchronized (this.lock) {
						this.returned.addFirst(message);
					}
				}
				continue;
			}
			if (pump) {
				source.next().whenComplete(this::arrived);
			}
			return;
		}
	}

	private void arrived(FrameRun.@Nullable Slice slice, @Nullable Throwable error) {
		CompletableFuture<Message> failed = null;
		synchronized (this.lock) {
			this.pumping = false;
			if (error == null) {
				if (slice != null && slice.run.generation.number >= this.minGeneration) {
					this.arrived.addLast(slice);
				}
			}
			else {
				failed = this.waiters.pollFirst();
			}
		}
		if (failed != null) {
			failed.completeExceptionally(error);
		}
		serve();
	}

	/**
	 * The stream ended (End-of-Stream, or the end of a replay): pending and later
	 * {@code next()} calls fail with {@link StreamEndedException} until a rewind or seek.
	 * Called on the reader thread.
	 */
	void endStream(String reason) {
		this.endedNormally = true;
		this.inbox.close(new StreamEndedException(reason));
	}

	/**
	 * Before a rewind or seek: drop what is buffered; after the end of the stream, start
	 * a fresh inbox. Called on the reader thread.
	 * @param generation the number of the reader's generation of runs from now on
	 */
	void reset(long generation) {
		synchronized (this.lock) {
			this.minGeneration = generation;
			this.current = null;
			this.arrived.clear();
			this.returned.clear();
			if (this.endedNormally && !this.closed) {
				this.endedNormally = false;
				this.inbox = new Inbox<>(this.slices, DeliveryExecutor.shared(), 0);
			}
			else {
				this.inbox.clear();
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

	@Override
	public CompletableFuture<Void> seek(Instant timestamp) {
		return reposition(timestamp);
	}

	@Override
	public CompletableFuture<Void> rewind(SeqPos position) {
		return reposition(position);
	}

	private CompletableFuture<Void> reposition(Object target) {
		ReaderTask task = this.reader;
		if (this.closed || task == null) {
			return CompletableFuture.failedFuture(new StreamEndedException("consumer closed"));
		}
		return task.reposition(target);
	}

	@Override
	public synchronized void assign(StreamKey key, ShardId shard) {
		requireSubscribed(key);
		Map<StreamKey, ShardSelection> copy = new HashMap<>(this.shards);
		ShardSelection current = copy.get(key);
		copy.put(key, (current == null || current.all) ? ShardSelection.only(shard.id()) : current.plus(shard.id()));
		this.shards = Map.copyOf(copy);
	}

	@Override
	public synchronized void unassign(StreamKey key, ShardId shard) {
		requireSubscribed(key);
		Map<StreamKey, ShardSelection> copy = new HashMap<>(this.shards);
		ShardSelection current = copy.getOrDefault(key, ShardSelection.ALL);
		copy.put(key, current.minus(shard.id()));
		this.shards = Map.copyOf(copy);
	}

	private void requireSubscribed(StreamKey key) {
		if (!this.keys.contains(key)) {
			throw new SeaStreamerException(ErrorKind.STREAM_KEY_NOT_FOUND,
					"stream `" + key + "` is not subscribed by this consumer (subscribed: " + this.keys + ")");
		}
	}

	@Override
	public CompletableFuture<Void> commit(MessageHeader header) {
		if (this.offsets == null) {
			return CompletableFuture.failedFuture(new SeaStreamerException(ErrorKind.COMMIT_NOT_ALLOWED,
					"mode " + this.mode + " of the file backend does not commit"));
		}
		if (!this.keys.contains(header.streamKey()) && !this.wildcard) {
			return CompletableFuture.failedFuture(new SeaStreamerException(ErrorKind.STREAM_KEY_NOT_FOUND,
					"stream `" + header.streamKey() + "` is not subscribed by this consumer"));
		}
		return this.offsets.commit(header);
	}

	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		ReaderTask task = this.reader;
		if (task != null) {
			task.remove(this);
		}
		this.inbox.close(new StreamEndedException("consumer closed"));
		if (this.offsets != null) {
			this.offsets.flush().join();
		}
		this.streamer.forget(this);
	}

	/**
	 * The shards of one stream a consumer reads: all but some, or only some.
	 */
	private record ShardSelection(boolean all, Set<Long> listed) {

		static final ShardSelection ALL = new ShardSelection(true, Set.of());

		static ShardSelection only(long shard) {
			return new ShardSelection(false, Set.of(shard));
		}

		boolean includes(long shard) {
			return this.all != this.listed.contains(shard);
		}

		ShardSelection plus(long shard) {
			Set<Long> copy = new HashSet<>(this.listed);
			if (this.all) {
				copy.remove(shard);
			}
			else {
				copy.add(shard);
			}
			return new ShardSelection(this.all, Set.copyOf(copy));
		}

		ShardSelection minus(long shard) {
			Set<Long> copy = new HashSet<>(this.listed);
			if (this.all) {
				copy.add(shard);
			}
			else {
				copy.remove(shard);
			}
			return new ShardSelection(this.all, Set.copyOf(copy));
		}

	}

}

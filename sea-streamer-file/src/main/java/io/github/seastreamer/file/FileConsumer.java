package io.github.seastreamer.file;

import java.time.Instant;
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
import io.github.seastreamer.spi.Inbox;
import org.jspecify.annotations.Nullable;

/**
 * A consumer of streams of one file; its reader thread hands messages over through an
 * {@link Inbox}. Shards: every shard by default; {@link #assign} narrows a stream to the
 * assigned shards, {@link #unassign} removes one.
 */
final class FileConsumer implements Consumer {

	private final Set<StreamKey> keys;

	private final boolean wildcard;

	private final ConsumerMode mode;

	private static final int SPIN = 200;

	/** How long {@link #next()} looks for a message itself before it waits for one. */
	private static final long WAIT_NANOS = 100_000L;

	private volatile Inbox<Message> inbox;

	private volatile boolean endedNormally;

	private final int capacity;

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
		this.capacity = capacity;
		this.inbox = new Inbox<>(capacity);
		this.offsets = offsets;
	}

	void attach(ReaderTask reader) {
		this.reader = reader;
	}

	boolean isWildcard() {
		return this.wildcard;
	}

	Inbox<Message> inbox() {
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
		Inbox<Message> current = this.inbox;
		// A reader a few microseconds behind: while waiting a short, bounded time, check
		// checksums of the run the reader is about to hand over (which brings the next
		// message sooner), spin, then give the core away, before falling back to a
		// hand-over through the delivery executor (two thread switches per message).
		long deadline = 0;
		for (int i = 0; !current.isClosed(); i++) {
			Message message = current.poll();
			if (message != null) {
				return CompletableFuture.completedFuture(message);
			}
			ReaderTask task = this.reader;
			if (task != null && task.help()) {
				continue;
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
		return current.next();
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
	 */
	void reset() {
		if (this.endedNormally && !this.closed) {
			this.endedNormally = false;
			this.inbox = new Inbox<>(this.capacity);
		}
		else {
			this.inbox.clear();
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

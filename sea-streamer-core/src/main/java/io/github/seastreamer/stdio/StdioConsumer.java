package io.github.seastreamer.stdio;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.Message;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.SeqPos;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamEndedException;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.UnsupportedFeatureException;
import io.github.seastreamer.spi.Inbox;

/**
 * A consumer of lines read from standard input (and, with loopback, of lines printed by
 * this process). Messages wait in a bounded {@link Inbox}; when it is full the stdin
 * reader waits. {@code next()} fails with {@link StreamEndedException} once the consumer
 * is closed, the streamer disconnected, or standard input ended (buffered messages are
 * delivered first).
 */
final class StdioConsumer implements Consumer {

	private final StdioWorld world;

	private final long id;

	private final Set<StreamKey> keys;

	private final ConsumerMode mode;

	private final @Nullable String group;

	private final Inbox<Message> inbox;

	/** Whether end of input ends this consumer; set once, before it is registered. */
	boolean endsWithInput = true;

	StdioConsumer(StdioWorld world, long id, Set<StreamKey> keys, ConsumerMode mode, @Nullable String group,
			Inbox<Message> inbox) {
		this.world = world;
		this.id = id;
		this.keys = keys;
		this.mode = mode;
		this.group = group;
		this.inbox = inbox;
	}

	Inbox<Message> inbox() {
		return this.inbox;
	}

	@Nullable String group() {
		return this.group;
	}

	/**
	 * Hand a message over, waiting while the inbox is full (called by the reader or a
	 * loopback writer); a closed consumer drops it.
	 */
	void deliver(Message message) {
		try {
			this.inbox.put(message);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public CompletableFuture<Message> next() {
		return this.inbox.next();
	}

	/**
	 * A line already read from standard input (or looped back), or {@code null}; never
	 * waits.
	 */
	@Override
	public @Nullable Message poll() {
		return this.inbox.poll();
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
	 * Not supported: standard input cannot be repositioned.
	 * @return a future failed with {@link UnsupportedFeatureException}
	 */
	@Override
	public CompletableFuture<Void> seek(Instant timestamp) {
		return CompletableFuture
			.failedFuture(new UnsupportedFeatureException("StdioConsumer::seek: stdio reads a pipe and cannot seek"));
	}

	/**
	 * Not supported: standard input cannot be repositioned.
	 * @return a future failed with {@link UnsupportedFeatureException}
	 */
	@Override
	public CompletableFuture<Void> rewind(SeqPos position) {
		return CompletableFuture.failedFuture(
				new UnsupportedFeatureException("StdioConsumer::rewind: stdio reads a pipe and cannot rewind"));
	}

	/**
	 * Accepted without effect for a subscribed key (every shard of it is read anyway).
	 * @throws SeaStreamerException of kind {@link ErrorKind#STREAM_KEY_NOT_FOUND} if the
	 * key is not subscribed
	 */
	@Override
	public void assign(StreamKey key, ShardId shard) {
		if (!this.keys.contains(key)) {
			throw new SeaStreamerException(ErrorKind.STREAM_KEY_NOT_FOUND,
					"stdio consumer is not subscribed to `" + key + "` (subscribed: " + this.keys + ")");
		}
	}

	/**
	 * Always fails: a stdio consumer reads every shard of its keys and cannot drop one.
	 * @throws SeaStreamerException of kind {@link ErrorKind#STREAM_KEY_NOT_FOUND}
	 */
	@Override
	public void unassign(StreamKey key, ShardId shard) {
		throw new SeaStreamerException(ErrorKind.STREAM_KEY_NOT_FOUND, "stdio consumers cannot unassign shard " + shard
				+ " of `" + key + "`: they read every shard of their keys");
	}

	@Override
	public void close() {
		this.world.unregister(this);
		this.inbox.close(new StreamEndedException("stdio: the consumer was closed"));
	}

	@Override
	public String toString() {
		return "StdioConsumer{id=" + this.id + ", keys=" + this.keys + ", mode=" + this.mode
				+ ((this.group != null) ? ", group=" + this.group : "") + "}";
	}

}

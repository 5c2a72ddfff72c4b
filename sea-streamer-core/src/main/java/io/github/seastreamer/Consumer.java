package io.github.seastreamer;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

import org.jspecify.annotations.Nullable;

import io.github.seastreamer.spi.ConsumerPublisher;

/**
 * Receives messages from one or more streams of one streamer.
 *
 * <p>
 * The backend reads on its own threads and hands messages over through a bounded buffer,
 * so {@link #next()} never blocks: it returns a completed future when a message is
 * buffered, or one that completes when a message arrives. {@code next()} may be called
 * from several threads. Messages of one stream and shard arrive in order. When the stream
 * ends (end of input, an End-of-Stream marker, {@link #close()}), pending and later calls
 * fail with {@link StreamEndedException}; they never wait forever.
 */
public interface Consumer extends AutoCloseable {

	/**
	 * The next message.
	 * @return a future of the next message
	 */
	CompletableFuture<Message> next();

	/**
	 * A message this consumer has already buffered, taken at once without waiting: what a
	 * caller that batches (a listener container gathering work for its handlers) uses
	 * after one {@link #next()} to take what else is ready. Never blocks and never spins;
	 * an ended stream or a failure is reported by the next {@link #next()}, not here.
	 * Backends that cannot tell without waiting return {@code null} (the default), so
	 * callers fall back to {@code next()}. A message returned here counts as delivered
	 * exactly as one returned by {@code next()} (commits, group bookkeeping).
	 * @return a buffered message, or {@code null} when none is buffered
	 */
	default @Nullable Message poll() {
		return null;
	}

	/**
	 * A reactive view of this consumer: messages are requested with {@link #next()} as
	 * the subscriber asks for them. One subscriber at a time; no other call while
	 * subscribed.
	 * @return a publisher
	 */
	default Flow.Publisher<Message> asPublisher() {
		return new ConsumerPublisher(this);
	}

	/**
	 * The subscribed stream keys.
	 * @return the keys
	 */
	Set<StreamKey> streamKeys();

	/**
	 * The mode this consumer was created with.
	 * @return the mode
	 */
	ConsumerMode mode();

	/**
	 * Reposition every subscribed stream to a point in time; what is already buffered is
	 * dropped. The exact boundary (strictly after or at the time) depends on the backend.
	 * @param timestamp the time
	 * @return a future completed once repositioned
	 */
	default CompletableFuture<Void> seek(Instant timestamp) {
		return CompletableFuture.failedFuture(new UnsupportedFeatureException(getClass().getSimpleName() + "::seek"));
	}

	/**
	 * Reposition every subscribed stream to the beginning, the end, or a sequence number;
	 * what is already buffered is dropped.
	 * @param position where to go
	 * @return a future completed once repositioned
	 */
	default CompletableFuture<Void> rewind(SeqPos position) {
		return CompletableFuture.failedFuture(new UnsupportedFeatureException(getClass().getSimpleName() + "::rewind"));
	}

	/**
	 * Add a shard of a subscribed stream; takes effect at the next seek or rewind unless
	 * the backend says otherwise.
	 * @param key a subscribed stream
	 * @param shard the shard
	 * @throws SeaStreamerException of kind {@link ErrorKind#STREAM_KEY_NOT_FOUND} if the
	 * key is not subscribed
	 */
	default void assign(StreamKey key, ShardId shard) {
		throw new UnsupportedFeatureException(getClass().getSimpleName() + "::assign");
	}

	/**
	 * Remove a shard of a subscribed stream.
	 * @param key a subscribed stream
	 * @param shard the shard
	 */
	default void unassign(StreamKey key, ShardId shard) {
		throw new UnsupportedFeatureException(getClass().getSimpleName() + "::unassign");
	}

	/**
	 * Mark a message as done: after a restart (resumable) or a rebalance (load-balanced)
	 * it is not delivered again. Committing a message commits every earlier message of
	 * its stream and shard where the backend tracks positions (file, Kafka); Redis
	 * acknowledges that entry. Commits are batched in the background; the future
	 * completes once the commit is durable.
	 * @param header the header of a message this consumer delivered
	 * @return a future completed once committed
	 */
	default CompletableFuture<Void> commit(MessageHeader header) {
		return CompletableFuture.failedFuture(new SeaStreamerException(ErrorKind.COMMIT_NOT_ALLOWED,
				"mode " + mode() + " of " + getClass().getSimpleName() + " does not commit"));
	}

	/**
	 * Stop receiving; pending {@code next()} calls fail with
	 * {@link StreamEndedException}. Resumable consumers commit what was committed so far
	 * before closing.
	 */
	@Override
	void close();

}

package io.github.seastreamer.mem;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.Producer;
import io.github.seastreamer.ProducerEndedException;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.spi.Attributes;

/**
 * A producer on an in-memory broker: a send appends to the shard log on the caller's
 * thread and returns an already completed receipt, so {@link #flush()} has nothing to
 * wait for.
 */
final class MemProducer implements Producer {

	private final MemStreamer streamer;

	private final int shards;

	private final AtomicLong roundRobin = new AtomicLong();

	private volatile @Nullable StreamKey anchored;

	private volatile boolean ended;

	MemProducer(MemStreamer streamer, int shards) {
		this.streamer = streamer;
		this.shards = shards;
	}

	@Override
	public CompletableFuture<MessageHeader> sendTo(StreamKey key, byte[] payload) {
		return sendTo(key, payload, Map.of());
	}

	/**
	 * Append with the attributes, which consumers see as {@link Message#attributes()}.
	 */
	@Override
	public CompletableFuture<MessageHeader> sendTo(StreamKey key, byte[] payload, Map<String, String> attributes) {
		IllegalArgumentException invalid = Attributes.problem(attributes);
		if (invalid != null) {
			return CompletableFuture.failedFuture(invalid);
		}
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(payload, "payload");
		if (this.ended) {
			return CompletableFuture.failedFuture(new ProducerEndedException("producer of " + this.streamer.uri()
					+ ((this.streamer.isDisconnected()) ? " was disconnected" : " was ended")));
		}
		ShardId shard = (this.shards == 1) ? ShardId.ZERO
				: ShardId.of(Long.remainderUnsigned(this.roundRobin.getAndIncrement(), this.shards));
		MemStream stream = this.streamer.broker().stream(key);
		MessageHeader receipt = stream.shard(shard).append(payload, attributes);
		stream.signal();
		return CompletableFuture.completedFuture(receipt);
	}

	@Override
	public synchronized void anchor(StreamKey key) {
		Objects.requireNonNull(key, "key");
		if (this.anchored != null) {
			throw new SeaStreamerException(ErrorKind.ALREADY_ANCHORED,
					"anchored to `" + this.anchored + "`, cannot anchor to `" + key + "`");
		}
		this.anchored = key;
	}

	@Override
	public Optional<StreamKey> anchoredKey() {
		return Optional.ofNullable(this.anchored);
	}

	@Override
	public CompletableFuture<Void> flush() {
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public CompletableFuture<Void> end() {
		this.ended = true;
		this.streamer.removed(this);
		return CompletableFuture.completedFuture(null);
	}

}

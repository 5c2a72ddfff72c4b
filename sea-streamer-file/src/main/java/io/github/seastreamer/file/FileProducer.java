package io.github.seastreamer.file;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.Producer;
import io.github.seastreamer.ProducerEndedException;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamKey;
import org.jspecify.annotations.Nullable;

/**
 * A producer writing through the file's shared writer. Sequence numbers are assigned by
 * the writer, from 1 per stream and shard, continuing the file's.
 */
final class FileProducer implements Producer {

	private final FileStreamer streamer;

	private final SharedWriter writer;

	private final ShardId shard;

	private final AtomicReference<@Nullable StreamKey> anchor = new AtomicReference<>();

	private volatile boolean ended;

	FileProducer(FileStreamer streamer, SharedWriter writer, ShardId shard) {
		this.streamer = streamer;
		this.writer = writer;
		this.shard = shard;
	}

	@Override
	public CompletableFuture<MessageHeader> sendTo(StreamKey key, byte[] payload) {
		if (this.ended) {
			return CompletableFuture.failedFuture(new ProducerEndedException("producer of " + key + " has ended"));
		}
		if (key.name().equals(StreamKey.SEA_STREAMER_INTERNAL) || key.name().equals(StreamKey.SEA_STREAMER_WILDCARD)) {
			return CompletableFuture.failedFuture(new SeaStreamerException(ErrorKind.STREAM_KEY,
					"stream key `" + key + "` is reserved by SeaStreamer"));
		}
		return this.writer.send(key, this.shard, payload);
	}

	@Override
	public void anchor(StreamKey key) {
		if (!this.anchor.compareAndSet(null, key)) {
			throw new SeaStreamerException(ErrorKind.ALREADY_ANCHORED,
					"producer is anchored to `" + this.anchor.get() + "`");
		}
	}

	@Override
	public Optional<StreamKey> anchoredKey() {
		return Optional.ofNullable(this.anchor.get());
	}

	@Override
	public CompletableFuture<Void> flush() {
		if (this.ended) {
			return CompletableFuture.completedFuture(null);
		}
		return this.writer.flush();
	}

	@Override
	public CompletableFuture<Void> end() {
		if (this.ended) {
			return CompletableFuture.completedFuture(null);
		}
		return this.writer.flush().handle((v, e) -> null).thenCompose((v) -> endNow());
	}

	CompletableFuture<Void> endNow() {
		if (this.ended) {
			return CompletableFuture.completedFuture(null);
		}
		this.ended = true;
		return this.streamer.release(this);
	}

	SharedWriter writer() {
		return this.writer;
	}

}

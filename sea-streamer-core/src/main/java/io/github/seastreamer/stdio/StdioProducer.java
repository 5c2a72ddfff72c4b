package io.github.seastreamer.stdio;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.PayloadEncodingException;
import io.github.seastreamer.Producer;
import io.github.seastreamer.ProducerEndedException;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.StreamKey;

/**
 * A producer printing to standard output through the process's {@link StdioWriter}.
 * Payloads must be UTF-8; an empty payload prints an empty message
 * ({@code [… | key | n] } followed by the newline), which a downstream stdio consumer
 * reads back as an empty message. Payloads are printed verbatim: a line break inside one
 * ends the printed line, and a downstream stdio consumer reads the rest as separate raw
 * lines.
 */
final class StdioProducer implements Producer {

	private final StdioWriter writer;

	private final boolean loopback;

	private final AtomicReference<@Nullable StreamKey> anchor = new AtomicReference<>();

	private volatile boolean ended;

	StdioProducer(StdioWriter writer, boolean loopback) {
		this.writer = writer;
		this.loopback = loopback;
	}

	/**
	 * Print one line; never blocks.
	 * @return the receipt (the printed key and sequence, shard 0, the print time), failed
	 * with {@link PayloadEncodingException} if the payload is not UTF-8, with
	 * {@link ProducerEndedException} after {@link #end()} or a disconnect, or with a
	 * backend error if standard output cannot be written
	 */
	@Override
	public CompletableFuture<MessageHeader> sendTo(StreamKey key, byte[] payload) {
		if (this.ended) {
			return CompletableFuture.failedFuture(new ProducerEndedException("stdio: the producer was ended"));
		}
		if (!StdioBytes.isUtf8(payload, 0, payload.length)) {
			return CompletableFuture.failedFuture(new PayloadEncodingException("stdio carries UTF-8 text only: the "
					+ payload.length + "-byte payload for `" + key + "` is not valid UTF-8", null));
		}
		return this.writer.send(key, payload, this.loopback);
	}

	@Override
	public void anchor(StreamKey key) {
		if (!this.anchor.compareAndSet(null, key)) {
			throw new SeaStreamerException(ErrorKind.ALREADY_ANCHORED,
					"producer is anchored to `" + this.anchor.get() + "`, cannot anchor it to `" + key + "`");
		}
	}

	@Override
	public Optional<StreamKey> anchoredKey() {
		return Optional.ofNullable(this.anchor.get());
	}

	/**
	 * Wait until every line queued before (by any producer of the process) is written out
	 * and standard output flushed.
	 */
	@Override
	public CompletableFuture<Void> flush() {
		if (this.ended) {
			return CompletableFuture.failedFuture(new ProducerEndedException("stdio: the producer was ended"));
		}
		return this.writer.flush();
	}

	/**
	 * Flush, and refuse later sends; completes normally if the streamer was disconnected
	 * (there is nothing left to flush).
	 */
	@Override
	public CompletableFuture<Void> end() {
		if (this.ended) {
			return CompletableFuture.completedFuture(null);
		}
		this.ended = true;
		if (this.writer.isClosing()) {
			return CompletableFuture.completedFuture(null);
		}
		return this.writer.flush();
	}

	@Override
	public String toString() {
		return "StdioProducer{anchor=" + this.anchor.get() + ", loopback=" + this.loopback + "}";
	}

}

package io.github.seastreamer.stdio;

import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamKey;

/**
 * Numbers and delivers messages to the registered consumers; one instance per thread that
 * delivers (the stdin reader, and each writer for loopback), since it caches the last
 * sequence counter it used and owns the slab that payloads are copied into.
 *
 * <p>
 * Payloads read from standard input are copied once, into a 64 KiB slab shared by the
 * messages cut from it, so a message never pins the (larger, reused) read buffer and a
 * consumer that keeps a few messages keeps at most a few slabs alive. Delivery waits
 * while a consumer's inbox is full: that is the back-pressure that slows the reader, and
 * through the pipe, the process upstream.
 */
final class StdioDispatcher {

	private static final int SLAB_SIZE = 64 * 1024;

	private static final int OWN_ARRAY_ABOVE = SLAB_SIZE / 8;

	private final StdioWorld world;

	private @Nullable StreamKey lastKey;

	private long lastShard;

	private @Nullable AtomicLong lastCounter;

	private StdioWorld.@Nullable Routes lastRoutes;

	private @Nullable StreamKey lastRouteKey;

	private StdioWorld.@Nullable Route lastRoute;

	private byte[] slab = new byte[0];

	private int slabPosition;

	StdioDispatcher(StdioWorld world) {
		this.world = world;
	}

	/**
	 * Number and deliver one line read from standard input.
	 * @param key the key of the meta, or {@code null} for a broadcast line
	 * @param shard the shard (0 if the meta had none)
	 * @param hasSequence whether the meta carried a sequence
	 * @param sequence that sequence
	 * @param timestamp the meta's timestamp, or the time the line was read
	 * @param data the bytes holding the payload (copied if delivered)
	 * @param offset where the payload starts
	 * @param length its length
	 */
	void deliverInput(@Nullable StreamKey key, long shard, boolean hasSequence, long sequence, Instant timestamp,
			byte[] data, int offset, int length) {
		StreamKey streamKey = (key != null) ? key : StdioStreamer.BROADCAST;
		long seq = number(streamKey, shard, hasSequence, sequence);
		StdioWorld.Route route = route(key);
		if (route == null || route.isEmpty()) {
			return;
		}
		MessageHeader header = new MessageHeader(streamKey, ShardId.of(shard), seq, timestamp);
		route.deliver(copy(header, data, offset, length), seq);
	}

	/**
	 * Deliver a message a producer printed (loopback), as if read back with the meta
	 * {@code [timestamp | key | sequence | 0]}.
	 * @param header the printed header (the receipt)
	 * @param payload the payload, not copied
	 */
	void deliverPrinted(MessageHeader header, byte[] payload) {
		number(header.streamKey(), 0, true, header.sequence());
		StdioWorld.Route route = route(header.streamKey());
		if (route == null || route.isEmpty()) {
			return;
		}
		route.deliver(Message.of(header, payload), header.sequence());
	}

	/**
	 * The route of a key ({@code null}: broadcast), remembered for as long as the routing
	 * table and the key stay the same.
	 */
	private StdioWorld.@Nullable Route route(@Nullable StreamKey key) {
		StdioWorld.Routes routes = this.world.routes();
		if (routes == this.lastRoutes && key == this.lastRouteKey) {
			return this.lastRoute;
		}
		StdioWorld.Route route = (key != null) ? routes.route(key) : routes.broadcast;
		this.lastRoutes = routes;
		this.lastRouteKey = key;
		this.lastRoute = route;
		return route;
	}

	/**
	 * The sequence of a message: the given one (the counter then continues after it), or
	 * the next of the counter.
	 */
	private long number(StreamKey key, long shard, boolean hasSequence, long sequence) {
		AtomicLong counter = this.lastCounter;
		if (counter == null || shard != this.lastShard || (key != this.lastKey && !key.equals(this.lastKey))) {
			counter = this.world.inputSequence(key, shard);
			this.lastKey = key;
			this.lastShard = shard;
			this.lastCounter = counter;
		}
		if (hasSequence) {
			counter.set(sequence + 1);
			return sequence;
		}
		return counter.getAndIncrement();
	}

	private Message copy(MessageHeader header, byte[] data, int offset, int length) {
		if (length > OWN_ARRAY_ABOVE) {
			return Message.of(header, Arrays.copyOfRange(data, offset, offset + length));
		}
		if (this.slab.length - this.slabPosition < length) {
			this.slab = new byte[SLAB_SIZE];
			this.slabPosition = 0;
		}
		System.arraycopy(data, offset, this.slab, this.slabPosition, length);
		Message message = Message.of(header, this.slab, this.slabPosition, length);
		this.slabPosition += length;
		return message;
	}

}

package io.github.seastreamer.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.jctools.queues.MpscUnboundedArrayQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.Producer;
import io.github.seastreamer.ProducerEndedException;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.spi.Attributes;
import io.github.seastreamer.spi.DeliveryExecutor;

/**
 * A Redis producer: {@code send} enqueues into a lock-free MPSC queue; one writer thread
 * drains it, writes {@code XADD <key> * msg <payload> [attribute value ...]} commands on
 * a dedicated connection with auto-flush off and flushes once per batch (pipelining),
 * never waiting for replies before the next batch. Receipts are completed in order, one
 * delivery-executor task per batch, from the ids Redis returns.
 */
final class RedisProducer implements Producer {

	private static final Logger logger = LoggerFactory.getLogger(RedisProducer.class);

	/**
	 * The longest a partial batch waits for more sends while earlier batches are in
	 * flight.
	 */
	private static final long LINGER_NANOS = 1_000_000L;

	private final RedisStreamer streamer;

	private final StatefulRedisConnection<byte[], byte[]> connection;

	private final RedisAsyncCommands<byte[], byte[]> commands;

	private final byte[] field;

	private final @Nullable Sharder sharder;

	private final int maxBatch;

	private final MpscUnboundedArrayQueue<Object> queue = new MpscUnboundedArrayQueue<>(1024);

	private final ConcurrentHashMap<StreamKey, byte[]> keyBytes = new ConcurrentHashMap<>();

	private final AtomicReference<@Nullable StreamKey> anchored = new AtomicReference<>();

	private final AtomicInteger sending = new AtomicInteger();

	private final Thread writer;

	private final Executor delivery = DeliveryExecutor.shared();

	private final CompletableFuture<Void> ended = new CompletableFuture<>();

	/** Batches written whose last reply has not arrived yet. */
	private final AtomicInteger inFlight = new AtomicInteger();

	private volatile boolean ending;

	private volatile boolean parked;

	// writer thread only
	private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

	RedisProducer(RedisStreamer streamer, RedisProducerOptions options) {
		this.streamer = streamer;
		this.connection = streamer.openConnection("producer connection");
		this.connection.setAutoFlushCommands(false);
		this.commands = this.connection.async();
		this.field = streamer.redisOptions().messageField().getBytes(StandardCharsets.UTF_8);
		this.sharder = options.sharder().map((factory) -> factory.get()).orElse(null);
		this.maxBatch = options.maxBatchSize();
		this.writer = new Thread(this::writeLoop, "seastreamer-redis-producer");
		this.writer.setDaemon(true);
		this.writer.start();
	}

	/**
	 * One send; {@code extra} holds the attribute fields and values after the message
	 * field, or is null when there are none.
	 */
	private record Send(byte[] redisKey, StreamKey key, long shard, byte[] payload, byte @Nullable [][] extra,
			CompletableFuture<MessageHeader> future) {
	}

	private record Flush(CompletableFuture<Void> future) {
	}

	@Override
	public CompletableFuture<MessageHeader> sendTo(StreamKey key, byte[] payload) {
		return send(key, payload, null);
	}

	/**
	 * Send with the attributes as extra fields of the entry, after the message field; an
	 * attribute named like the message field fails the returned future.
	 */
	@Override
	public CompletableFuture<MessageHeader> sendTo(StreamKey key, byte[] payload, Map<String, String> attributes) {
		if (attributes.isEmpty()) {
			return send(key, payload, null);
		}
		IllegalArgumentException invalid = Attributes.problem(attributes);
		if (invalid != null) {
			return CompletableFuture.failedFuture(invalid);
		}
		byte[][] extra = new byte[attributes.size() * 2][];
		int i = 0;
		for (Map.Entry<String, String> attribute : attributes.entrySet()) {
			String name = attribute.getKey();
			String value = attribute.getValue();
			byte[] field = name.getBytes(StandardCharsets.UTF_8);
			if (Arrays.equals(field, this.field)) {
				return CompletableFuture.failedFuture(new IllegalArgumentException("attribute name '" + name
						+ "' is the field that holds the payload in Redis entries; choose another name"));
			}
			extra[i++] = field;
			extra[i++] = value.getBytes(StandardCharsets.UTF_8);
		}
		return send(key, payload, extra);
	}

	private CompletableFuture<MessageHeader> send(StreamKey key, byte[] payload, byte @Nullable [][] extra) {
		if (StreamKey.SEA_STREAMER_INTERNAL.equals(key.name())) {
			return CompletableFuture.failedFuture(new SeaStreamerException(ErrorKind.STREAM_KEY,
					"SEA_STREAMER_INTERNAL is reserved for control messages; do not send data to it"));
		}
		long shard = (this.sharder != null) ? this.sharder.shard(key, payload) : 0;
		byte[] redisKey = (this.sharder != null)
				? (key.name() + ":" + Long.toUnsignedString(shard)).getBytes(StandardCharsets.US_ASCII)
				: this.keyBytes.computeIfAbsent(key, (k) -> k.name().getBytes(StandardCharsets.US_ASCII));
		CompletableFuture<MessageHeader> future = new CompletableFuture<>();
		if (!enqueue(new Send(redisKey, key, shard, payload, extra, future))) {
			return CompletableFuture.failedFuture(new ProducerEndedException("the redis producer has ended"));
		}
		return future;
	}

	private boolean enqueue(Object request) {
		this.sending.incrementAndGet();
		try {
			if (this.ending) {
				return false;
			}
			this.queue.offer(request);
		}
		finally {
			this.sending.decrementAndGet();
		}
		if (this.parked) {
			LockSupport.unpark(this.writer);
		}
		return true;
	}

	@Override
	public void anchor(StreamKey key) {
		if (!this.anchored.compareAndSet(null, key)) {
			throw new SeaStreamerException(ErrorKind.ALREADY_ANCHORED, "anchored to " + this.anchored.get());
		}
	}

	@Override
	public Optional<StreamKey> anchoredKey() {
		return Optional.ofNullable(this.anchored.get());
	}

	@Override
	public CompletableFuture<Void> flush() {
		CompletableFuture<Void> future = new CompletableFuture<>();
		if (!enqueue(new Flush(future))) {
			return this.ended;
		}
		return future;
	}

	@Override
	public CompletableFuture<Void> end() {
		this.ending = true;
		LockSupport.unpark(this.writer);
		return this.ended;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void writeLoop() {
		Send[] batch = new Send[this.maxBatch];
		RedisFuture<String>[] replies = new RedisFuture[this.maxBatch];
		int count = 0;
		long batchStart = 0;
		try {
			while (true) {
				Object request = this.queue.relaxedPoll();
				if (request == null) {
					if (count > 0 && count < this.maxBatch && this.inFlight.get() > 0 && !this.ending
							&& System.nanoTime() - batchStart < LINGER_NANOS) {
						// earlier batches are still unanswered: gather more before the
						// next write
						// rather than writing a few commands at a time (an idle producer
						// writes at
						// once, so a lone send is not delayed)
						LockSupport.parkNanos(this, 20_000L);
						continue;
					}
					if (count > 0) {
						flushBatch(batch, replies, count);
						batch = new Send[this.maxBatch];
						replies = newReplies();
						count = 0;
						continue;
					}
					if (this.ending && this.sending.get() == 0 && this.queue.isEmpty()) {
						break;
					}
					if (!this.tail.isDone()) {
						// with auto-flush off, commands queued while the connection was
						// down are
						// only written by a flush: flush again while replies are
						// outstanding
						this.connection.flushCommands();
					}
					this.parked = true;
					if (this.queue.isEmpty() && !this.ending) {
						LockSupport.parkNanos(this, 50_000_000L);
					}
					this.parked = false;
					continue;
				}
				if (request instanceof Send send) {
					if (count == 0) {
						batchStart = System.nanoTime();
					}
					batch[count] = send;
					replies[count] = (send.extra == null) ? this.commands.xadd(send.redisKey, this.field, send.payload)
							: this.commands.xadd(send.redisKey, entryBody(send));
					count++;
					if (count == this.maxBatch) {
						flushBatch(batch, replies, count);
						batch = new Send[this.maxBatch];
						replies = newReplies();
						count = 0;
					}
				}
				else if (request instanceof Flush flush) {
					if (count > 0) {
						flushBatch(batch, replies, count);
						batch = new Send[this.maxBatch];
						replies = newReplies();
						count = 0;
					}
					this.tail.whenCompleteAsync((v, e) -> flush.future.complete(null), this.delivery);
				}
			}
			if (count > 0) {
				flushBatch(batch, replies, count);
			}
			this.tail.whenComplete((v, e) -> {
				this.connection.closeAsync().whenComplete((c, ce) -> {
					this.streamer.removed(this);
					this.ended.complete(null);
				});
			});
		}
		catch (Throwable ex) {
			logger.error("The Redis producer writer died", ex);
			SeaStreamerException error = new ProducerEndedException("The Producer task died: " + ex.getMessage(), ex);
			this.ending = true;
			Object request;
			while ((request = this.queue.poll()) != null) {
				if (request instanceof Send send) {
					send.future.completeExceptionally(error);
				}
				else if (request instanceof Flush flush) {
					flush.future.completeExceptionally(error);
				}
			}
			this.connection.closeAsync();
			this.streamer.removed(this);
			this.ended.completeExceptionally(error);
		}
	}

	/**
	 * The message field and payload first, then the attribute fields, in order.
	 */
	private Object[] entryBody(Send send) {
		byte[][] extra = send.extra;
		Object[] body = new Object[2 + ((extra != null) ? extra.length : 0)];
		body[0] = this.field;
		body[1] = send.payload;
		if (extra != null) {
			System.arraycopy(extra, 0, body, 2, extra.length);
		}
		return body;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private RedisFuture<String>[] newReplies() {
		return new RedisFuture[this.maxBatch];
	}

	private void flushBatch(Send[] batch, RedisFuture<String>[] replies, int count) {
		this.connection.flushCommands();
		this.inFlight.incrementAndGet();
		CompletableFuture<String> last = replies[count - 1].toCompletableFuture();
		CompletableFuture<Void> previous = this.tail;
		// replies arrive in order on one connection: once the last is done, all are
		this.tail = previous.thenCombine(last.handle((r, e) -> {
			this.inFlight.decrementAndGet();
			return null;
		}), (a, b) -> (Void) null).thenRunAsync(() -> complete(batch, replies, count), this.delivery);
	}

	private void complete(Send[] batch, RedisFuture<String>[] replies, int count) {
		for (int i = 0; i < count; i++) {
			Send send = batch[i];
			CompletableFuture<String> reply = replies[i].toCompletableFuture();
			if (reply.isDone()) {
				completeOne(send, reply);
			}
			else {
				reply.whenComplete((r, e) -> completeOne(send, reply));
			}
		}
	}

	private void completeOne(Send send, CompletableFuture<String> reply) {
		try {
			RedisMessageId id = RedisMessageId.parse(reply.join());
			send.future.complete(new MessageHeader(send.key, ShardId.of(send.shard), id.sequence(), id.timestamp()));
		}
		catch (Throwable ex) {
			send.future.completeExceptionally(RedisErrors.map(ex, this.streamer.secret(),
					"XADD " + new String(send.redisKey, StandardCharsets.US_ASCII)));
		}
	}

	@Override
	public String toString() {
		return "RedisProducer{" + this.streamer.uri().toMaskedUriString() + ", anchored=" + this.anchored.get() + "}";
	}

}

package io.github.seastreamer.stdio;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.github.seastreamer.BackendException;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.Message;
import io.github.seastreamer.StreamEndedException;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.spi.DeliveryExecutor;
import io.github.seastreamer.spi.Inbox;

/**
 * Everything the stdio backend shares within one process: the stdin reader thread, the
 * consumer registry, the stdout writer thread and the two sequence tables. Every
 * {@link StdioStreamer} of the process works on {@link #standard()}; tests build their
 * own over in-memory streams with {@link #over}, so they never touch the JVM's real
 * standard input (which Surefire uses for its own protocol).
 *
 * <p>
 * Registration and disconnection take a lock (they are rare); the hot path does not: the
 * reader and the writer read an immutable routing table from a volatile field.
 */
final class StdioWorld {

	/** How many messages each consumer buffers before the reader waits for it. */
	static final int INBOX_CAPACITY = 4096;

	private static @Nullable StdioWorld standard;

	private final Supplier<InputStream> in;

	private final Supplier<OutputStream> out;

	private final Supplier<PrintStream> err;

	private final int maxLineLength;

	private final Object lock = new Object();

	/** Registered consumers in creation order; guarded by {@link #lock}. */
	private final List<StdioConsumer> consumers = new ArrayList<>();

	private volatile Routes routes = Routes.EMPTY;

	private long nextConsumerId;

	private boolean readerStarted;

	private boolean inputEnded;

	private @Nullable StdioWriter writer;

	private CompletableFuture<Void> previousWriterStopped = CompletableFuture.completedFuture(null);

	private int writerCount;

	/**
	 * Consumer-side sequence per (stream key, shard); the reader and loopback update it.
	 */
	private final ConcurrentHashMap<ShardKey, AtomicLong> inputSequences = new ConcurrentHashMap<>();

	/**
	 * Producer-side sequence per stream key; only the running writer thread touches it (a
	 * new writer waits for the previous one to stop).
	 */
	private final Map<StreamKey, StdioWriter.OutputKey> outputSequences = new HashMap<>();

	private StdioWorld(Supplier<InputStream> in, Supplier<OutputStream> out, Supplier<PrintStream> err,
			int maxLineLength) {
		this.in = in;
		this.out = out;
		this.err = err;
		this.maxLineLength = maxLineLength;
	}

	/**
	 * The world of this process, over {@code System.in} (as it is when the first consumer
	 * starts the reader), {@code System.out} (as it is when a writer starts: at the first
	 * producer, and after each disconnect) and {@code System.err}.
	 * @return the world
	 */
	static synchronized StdioWorld standard() {
		StdioWorld world = standard;
		if (world == null) {
			world = new StdioWorld(() -> System.in, () -> System.out, () -> System.err, StdioReader.MAX_LINE_LENGTH);
			standard = world;
		}
		return world;
	}

	/**
	 * A world of its own over the given streams, for tests.
	 * @param in what consumers read
	 * @param out where producers print
	 * @param err where malformed input lines are reported
	 * @return the world
	 */
	static StdioWorld over(InputStream in, OutputStream out, PrintStream err) {
		return new StdioWorld(() -> in, () -> out, () -> err, StdioReader.MAX_LINE_LENGTH);
	}

	/**
	 * A world of its own with a smaller line-length limit, for tests.
	 * @param in what consumers read
	 * @param out where producers print
	 * @param err where malformed input lines are reported
	 * @param maxLineLength the longest input line read, in bytes
	 * @return the world
	 */
	static StdioWorld over(InputStream in, OutputStream out, PrintStream err, int maxLineLength) {
		return new StdioWorld(() -> in, () -> out, () -> err, maxLineLength);
	}

	int maxLineLength() {
		return this.maxLineLength;
	}

	OutputStream out() {
		return this.out.get();
	}

	Routes routes() {
		return this.routes;
	}

	AtomicLong inputSequence(StreamKey key, long shard) {
		return this.inputSequences.computeIfAbsent(new ShardKey(key, shard), (k) -> new AtomicLong());
	}

	Map<StreamKey, StdioWriter.OutputKey> outputSequences() {
		return this.outputSequences;
	}

	/**
	 * Report a problem with one input line on the error stream.
	 * @param line the line number, from 1
	 * @param problem what is wrong
	 */
	void reportLine(long line, String problem) {
		this.err.get().println("stdio: line " + line + ": " + problem);
	}

	/**
	 * Report a problem on the error stream.
	 * @param problem what is wrong
	 */
	void report(String problem) {
		this.err.get().println("stdio: " + problem);
	}

	/**
	 * Create and register a consumer; starts the stdin reader on first use.
	 * @param keys the subscribed keys
	 * @param mode the mode
	 * @param group the group, or {@code null}
	 * @param endsWithInput whether end of input ends it (consumers of loopback streamers
	 * do not end)
	 * @return the consumer
	 */
	StdioConsumer register(Set<StreamKey> keys, ConsumerMode mode, @Nullable String group, boolean endsWithInput) {
		synchronized (this.lock) {
			StdioConsumer consumer = new StdioConsumer(this, this.nextConsumerId++, keys, mode, group,
					new Inbox<>(INBOX_CAPACITY));
			consumer.endsWithInput = endsWithInput;
			if (this.inputEnded && endsWithInput) {
				consumer.inbox().close(new StreamEndedException("stdio: end of input"));
				return consumer;
			}
			this.consumers.add(consumer);
			this.routes = Routes.of(this.consumers);
			if (!this.readerStarted) {
				this.readerStarted = true;
				Thread thread = new Thread(new StdioReader(this, this.in.get()), "seastreamer-stdio-reader");
				thread.setDaemon(true);
				thread.start();
			}
			return consumer;
		}
	}

	void unregister(StdioConsumer consumer) {
		synchronized (this.lock) {
			if (this.consumers.remove(consumer)) {
				this.routes = Routes.of(this.consumers);
			}
		}
	}

	/**
	 * Called by the reader when standard input ends or fails: ends every consumer that
	 * ends with the input, now and when created later.
	 * @param failure the read error, or {@code null} at end of input
	 */
	void inputEnded(@Nullable Throwable failure) {
		List<StdioConsumer> ended = new ArrayList<>();
		synchronized (this.lock) {
			this.inputEnded = true;
			for (StdioConsumer consumer : this.consumers) {
				if (consumer.endsWithInput) {
					ended.add(consumer);
				}
			}
			this.consumers.removeAll(ended);
			this.routes = Routes.of(this.consumers);
		}
		Throwable reason = (failure != null)
				? new BackendException("stdio", "cannot read standard input: " + failure.getMessage(), failure, false)
				: new StreamEndedException("stdio: end of input");
		for (StdioConsumer consumer : ended) {
			consumer.inbox().close(reason);
		}
	}

	/**
	 * The running stdout writer, started if there is none.
	 * @return the writer
	 */
	StdioWriter writer() {
		synchronized (this.lock) {
			StdioWriter current = this.writer;
			if (current == null) {
				current = new StdioWriter(this, this.previousWriterStopped, ++this.writerCount);
				this.previousWriterStopped = current.stopped();
				this.writer = current;
				current.start();
			}
			return current;
		}
	}

	/**
	 * Process-wide disconnect: closes every consumer (pending {@code next()} calls fail
	 * with {@link StreamEndedException}), and stops the writer after the messages already
	 * queued; its producers then fail with
	 * {@link io.github.seastreamer.ProducerEndedException}. The stdin reader keeps
	 * running and new consumers and producers may be created.
	 * @return a future completed once the writer has stopped and every receipt completed
	 */
	CompletableFuture<Void> disconnect() {
		List<StdioConsumer> closed;
		StdioWriter current;
		synchronized (this.lock) {
			closed = new ArrayList<>(this.consumers);
			this.consumers.clear();
			this.routes = Routes.EMPTY;
			current = this.writer;
			this.writer = null;
		}
		StreamEndedException reason = new StreamEndedException("stdio: the streamer was disconnected");
		for (StdioConsumer consumer : closed) {
			consumer.inbox().close(reason);
		}
		if (current == null) {
			return CompletableFuture.supplyAsync(() -> null, DeliveryExecutor.shared());
		}
		return current.shutdown();
	}

	/**
	 * A stream key and shard, the key of the consumer-side sequence table.
	 *
	 * @param key the stream key
	 * @param shard the shard
	 */
	record ShardKey(StreamKey key, long shard) {

	}

	/**
	 * Who receives the messages of one stream key: every ungrouped subscriber, and one
	 * member per group ({@code members[sequence % members.length]}, members in creation
	 * order).
	 */
	static final class Route {

		final StdioConsumer[] solo;

		final StdioConsumer[][] groups;

		Route(StdioConsumer[] solo, StdioConsumer[][] groups) {
			this.solo = solo;
			this.groups = groups;
		}

		void deliver(Message message, long sequence) {
			for (StdioConsumer consumer : this.solo) {
				consumer.deliver(message);
			}
			for (StdioConsumer[] members : this.groups) {
				members[(int) Long.remainderUnsigned(sequence, members.length)].deliver(message);
			}
		}

		boolean isEmpty() {
			return this.solo.length == 0 && this.groups.length == 0;
		}

	}

	/**
	 * An immutable routing table, rebuilt whenever a consumer joins or leaves.
	 */
	static final class Routes {

		static final Routes EMPTY = new Routes(new Route(new StdioConsumer[0], new StdioConsumer[0][]), Map.of());

		/** Lines without a key go to every consumer, whatever it subscribed to. */
		final Route broadcast;

		final Map<StreamKey, Route> byKey;

		private Routes(Route broadcast, Map<StreamKey, Route> byKey) {
			this.broadcast = broadcast;
			this.byKey = byKey;
		}

		@Nullable Route route(StreamKey key) {
			return this.byKey.get(key);
		}

		static Routes of(List<StdioConsumer> consumers) {
			if (consumers.isEmpty()) {
				return EMPTY;
			}
			RouteBuilder broadcast = new RouteBuilder();
			Map<StreamKey, RouteBuilder> byKey = new LinkedHashMap<>();
			for (StdioConsumer consumer : consumers) {
				broadcast.add(consumer);
				for (StreamKey key : consumer.streamKeys()) {
					byKey.computeIfAbsent(key, (k) -> new RouteBuilder()).add(consumer);
				}
			}
			Map<StreamKey, Route> routes = new HashMap<>();
			byKey.forEach((key, builder) -> routes.put(key, builder.build()));
			return new Routes(broadcast.build(), routes);
		}

	}

	private static final class RouteBuilder {

		private final List<StdioConsumer> solo = new ArrayList<>();

		private final Map<String, List<StdioConsumer>> groups = new LinkedHashMap<>();

		void add(StdioConsumer consumer) {
			String group = consumer.group();
			if (group == null) {
				this.solo.add(consumer);
			}
			else {
				this.groups.computeIfAbsent(group, (g) -> new ArrayList<>()).add(consumer);
			}
		}

		Route build() {
			StdioConsumer[][] members = new StdioConsumer[this.groups.size()][];
			int i = 0;
			for (List<StdioConsumer> group : this.groups.values()) {
				members[i++] = group.toArray(new StdioConsumer[0]);
			}
			return new Route(this.solo.toArray(new StdioConsumer[0]), members);
		}

	}

}

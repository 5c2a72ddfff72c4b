package io.github.seastreamer.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.Producer;
import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.Streamer;

/**
 * Helpers of the Redis integration tests: bounded waits, unique keys, raw Lettuce.
 */
final class RedisTestSupport implements AutoCloseable {

	static final long TIMEOUT_MS = 15_000;

	private static final AtomicLong counter = new AtomicLong();

	private final RedisServerExtension server;

	private final List<AutoCloseable> opened = new ArrayList<>();

	private RedisClient rawClient;

	private StatefulRedisConnection<String, String> rawConnection;

	private final String rawUri;

	RedisTestSupport(RedisServerExtension server) {
		this(server, null);
	}

	RedisTestSupport(RedisServerExtension server, String password) {
		this.server = server;
		this.rawUri = (password != null) ? "redis://:" + password + "@127.0.0.1:" + server.port() : null;
	}

	/**
	 * A key made unique with a millisecond suffix and a counter, as the Rust tests do.
	 */
	static StreamKey key(String name) {
		return StreamKey.of(name + "-" + System.currentTimeMillis() + "-" + counter.incrementAndGet());
	}

	Streamer streamer() {
		Streamer streamer = SeaStreamer.connect(this.server.uri());
		this.opened.add(streamer);
		return streamer;
	}

	<T extends AutoCloseable> T track(T closeable) {
		this.opened.add(closeable);
		return closeable;
	}

	RedisCommands<String, String> raw() {
		if (this.rawConnection == null) {
			this.rawClient = RedisClient.create((this.rawUri != null) ? this.rawUri : this.server.uri());
			this.rawConnection = this.rawClient.connect();
		}
		return this.rawConnection.sync();
	}

	static <T> T await(CompletableFuture<T> future) throws Exception {
		return future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
	}

	static List<String> receive(Consumer consumer, int count) throws Exception {
		List<String> payloads = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			payloads.add(await(consumer.next()).payloadAsString());
		}
		return payloads;
	}

	static List<Message> receiveMessages(Consumer consumer, int count) throws Exception {
		List<Message> messages = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			messages.add(await(consumer.next()));
		}
		return messages;
	}

	static List<MessageHeader> send(Producer producer, StreamKey key, int from, int to) throws Exception {
		List<CompletableFuture<MessageHeader>> futures = new ArrayList<>();
		for (int i = from; i <= to; i++) {
			futures.add(producer.sendTo(key, String.valueOf(i)));
		}
		List<MessageHeader> receipts = new ArrayList<>();
		for (CompletableFuture<MessageHeader> future : futures) {
			receipts.add(await(future));
		}
		return receipts;
	}

	static List<String> range(int from, int to) {
		List<String> texts = new ArrayList<>();
		for (int i = from; i <= to; i++) {
			texts.add(String.valueOf(i));
		}
		return texts;
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static Duration fast() {
		return Duration.ofMillis(200);
	}

	@Override
	public void close() {
		for (int i = this.opened.size() - 1; i >= 0; i--) {
			try {
				AutoCloseable closeable = this.opened.get(i);
				if (closeable instanceof Streamer streamer) {
					streamer.disconnect().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
				}
				else {
					closeable.close();
				}
			}
			catch (Exception ex) {
				// cleanup only
			}
		}
		this.opened.clear();
		if (this.rawConnection != null) {
			this.rawConnection.close();
			this.rawClient.shutdown();
		}
	}

}

package io.github.seastreamer.cli.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;

import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.StreamTimeoutException;
import io.github.seastreamer.StreamUrl;
import io.github.seastreamer.redis.RedisConnectOptions;
import io.github.seastreamer.redis.RedisConsumerOptions;
import io.github.seastreamer.redis.RedisProducerOptions;

/**
 * The raw baseline of Redis: Lettuce alone doing the work of SeaStreamer's Redis backend
 * with the same batching.
 *
 * <p>
 * Produce: {@code XADD <key> * msg <payload>} on one connection with auto-flush off,
 * flushed every {@link RedisProducerOptions#DEFAULT_MAX_BATCH_SIZE} commands (the batch
 * size of SeaStreamer's producer), with at most {@link BenchCommand#IN_FLIGHT} commands
 * unanswered (the bound the bench puts on SeaStreamer's sends); the time runs from the
 * first command to the last reply. Consume: {@code XREAD COUNT <n> STREAMS <key>
 * <last id>} pages, one after the other, with {@code n} the default RealTime batch size
 * of SeaStreamer's consumer; the time runs from the first read to the last entry. The
 * connection is opened before the clock starts. Not thread-safe: the bench calls it from
 * one thread.
 */
public final class RedisRawBaseline implements RawBaseline {

	private static final long TIMEOUT_SECONDS = 60;

	private static final byte[] FIELD = RedisConnectOptions.DEFAULT_MESSAGE_FIELD.getBytes(StandardCharsets.UTF_8);

	@Override
	public Set<String> schemes() {
		return Set.of("redis", "rediss");
	}

	@Override
	public long produce(StreamUrl url, List<byte[]> payloads) throws Exception {
		RedisClient client = client(url);
		try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
			byte[] key = url.streamKey().name().getBytes(StandardCharsets.US_ASCII);
			int batch = RedisProducerOptions.DEFAULT_MAX_BATCH_SIZE;
			connection.setAutoFlushCommands(false);
			List<RedisFuture<String>> replies = new ArrayList<>(payloads.size());
			long start = System.nanoTime();
			int inBatch = 0;
			var commands = connection.async();
			for (int i = 0; i < payloads.size(); i++) {
				if (i >= BenchCommand.IN_FLIGHT) {
					// the bench bounds SeaStreamer's sends in flight the same way
					replies.get(i - BenchCommand.IN_FLIGHT).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
				}
				replies.add(commands.xadd(key, FIELD, payloads.get(i)));
				if (++inBatch == batch) {
					connection.flushCommands();
					inBatch = 0;
				}
			}
			connection.flushCommands();
			for (RedisFuture<String> reply : replies) {
				reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
			return System.nanoTime() - start;
		}
		finally {
			client.shutdown();
		}
	}

	@Override
	@SuppressWarnings("unchecked")
	public long consume(StreamUrl url, int count) throws Exception {
		RedisClient client = client(url);
		try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
			RedisCommands<byte[], byte[]> commands = connection.sync();
			byte[] key = url.streamKey().name().getBytes(StandardCharsets.US_ASCII);
			int page = RedisConsumerOptions.defaults().batchSize(ConsumerMode.REAL_TIME);
			XReadArgs args = XReadArgs.Builder.count(page).block(1000);
			long start = System.nanoTime();
			String last = "0-0";
			int received = 0;
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
			while (received < count) {
				List<StreamMessage<byte[], byte[]>> entries = commands.xread(args, StreamOffset.from(key, last));
				if (entries.isEmpty()) {
					if (System.nanoTime() > deadline) {
						throw new StreamTimeoutException("raw Redis consumer: received " + received + " of " + count
								+ " entries of " + url.streamKey());
					}
					continue;
				}
				for (StreamMessage<byte[], byte[]> entry : entries) {
					if (entry.getBody().isEmpty()) {
						throw new IllegalStateException("raw Redis consumer: entry " + entry.getId() + " has no field");
					}
				}
				received += entries.size();
				last = entries.get(entries.size() - 1).getId();
			}
			return System.nanoTime() - start;
		}
		finally {
			client.shutdown();
		}
	}

	/**
	 * A client with the options SeaStreamer's Redis backend uses (no per-command
	 * timeout).
	 */
	private static RedisClient client(StreamUrl url) {
		RedisClient client = RedisClient.create(redisUri(url));
		client.setOptions(ClientOptions.builder()
			.autoReconnect(true)
			.timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
			.build());
		return client;
	}

	private static RedisURI redisUri(StreamUrl url) {
		String node = url.streamer().firstNode().text();
		RedisURI uri = RedisURI.create(node);
		if (uri.getPort() <= 0) {
			uri.setPort(RedisURI.DEFAULT_REDIS_PORT);
		}
		return uri;
	}

}

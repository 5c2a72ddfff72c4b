package io.github.seastreamer.redis;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.Producer;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.Streamer;

import static io.github.seastreamer.redis.RedisTestSupport.await;
import static io.github.seastreamer.redis.RedisTestSupport.key;
import static io.github.seastreamer.redis.RedisTestSupport.range;
import static io.github.seastreamer.redis.RedisTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Resumable consumer whose server is restarted (with an append-only file fsynced on
 * every write, so the server keeps its streams and groups) reconnects and, with what it
 * delivered before, delivers every message at least once.
 */
class RedisRestartIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = RedisServerExtension.persistent();

	private final RedisTestSupport support = new RedisTestSupport(redis);

	@AfterEach
	void close() {
		this.support.close();
	}

	@Test
	void resumableConsumerContinuesAfterTheServerRestartsAndLosesNothing() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("restart");
		Producer producer = streamer.createProducer(key);
		send(producer, key, 0, 49);
		Consumer consumer = this.support.track(streamer.createConsumer(key,
				ConsumerOptions.builder()
					.mode(ConsumerMode.RESUMABLE)
					.group(key.name())
					.streamReset(StreamReset.EARLIEST)
					.with(RedisConsumerOptions.builder()
						.heartbeat(RedisTestSupport.fast())
						.autoCommit(AutoCommit.DISABLED)
						.build())
					.build()));
		Set<String> delivered = ConcurrentHashMap.newKeySet();
		for (int i = 0; i < 20; i++) {
			Message message = await(consumer.next());
			delivered.add(message.payloadAsString());
			await(consumer.commit(message.header()));
		}
		CompletableFuture<Message> waiting = consumer.next();
		redis.restart();
		// sends while the connection is being re-established are queued and re-issued
		CompletableFuture<MessageHeader> last = null;
		for (int i = 50; i < 100; i++) {
			last = producer.send(String.valueOf(i));
		}
		// bounded generously: the server restarts on a machine shared with other builds
		last.get(60, java.util.concurrent.TimeUnit.SECONDS);
		Message message = waiting.get(60, java.util.concurrent.TimeUnit.SECONDS);
		delivered.add(message.payloadAsString());
		await(consumer.commit(message.header()));
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!delivered.containsAll(range(0, 99)) && System.nanoTime() < deadline) {
			Message next = await(consumer.next());
			delivered.add(next.payloadAsString());
			consumer.commit(next.header());
		}
		assertThat(delivered).containsAll(range(0, 99));
		assertThat(this.support.raw().xlen(key.name())).isGreaterThanOrEqualTo(100);
	}

}

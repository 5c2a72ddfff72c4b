package io.github.seastreamer.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.Producer;
import io.github.seastreamer.ProducerOptions;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.Streamer;

import static io.github.seastreamer.redis.RedisTestSupport.await;
import static io.github.seastreamer.redis.RedisTestSupport.key;
import static io.github.seastreamer.redis.RedisTestSupport.range;
import static io.github.seastreamer.redis.RedisTestSupport.receive;
import static io.github.seastreamer.redis.RedisTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spec redis.md §13.9 ({@code sharding}), shard discovery while running, and trimming.
 */
class RedisShardingIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = RedisServerExtension.create();

	private final RedisTestSupport support = new RedisTestSupport(redis);

	@AfterEach
	void close() {
		this.support.close();
	}

	private static ProducerOptions roundRobin(int shards) {
		return ProducerOptions.builder()
			.with(RedisProducerOptions.builder().sharder(() -> Sharder.roundRobin(shards)).build())
			.build();
	}

	private Consumer consumer(Streamer streamer, ConsumerMode mode, StreamKey key) {
		return this.support.track(streamer.createConsumer(key,
				ConsumerOptions.builder()
					.mode(mode)
					.group((mode == ConsumerMode.REAL_TIME) ? null : key.name())
					.streamReset(StreamReset.EARLIEST)
					.with(RedisConsumerOptions.builder()
						.heartbeat(RedisTestSupport.fast())
						.shardDiscoveryInterval(Duration.ofMillis(200))
						.build())
					.build()));
	}

	@ParameterizedTest
	@EnumSource(value = ConsumerMode.class, names = { "REAL_TIME", "RESUMABLE" })
	void roundRobinShardsAreDiscoveredAndAllRead(ConsumerMode mode) throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("sharded");
		Producer producer = streamer.createProducer(key, roundRobin(3));
		List<MessageHeader> receipts = send(producer, key, 0, 9);
		for (int i = 0; i < receipts.size(); i++) {
			assertThat(receipts.get(i).streamKey()).isEqualTo(key);
			assertThat(receipts.get(i).shardId()).isEqualTo(ShardId.of(i % 3));
		}
		assertThat(receipts).extracting(MessageHeader::sequence).isSorted();
		assertThat(this.support.raw().keys(key.name() + "*")).containsExactlyInAnyOrder(key.name() + ":0",
				key.name() + ":1", key.name() + ":2");
		Consumer consumer = consumer(streamer, mode, key);
		assertThat(receive(consumer, 10)).containsExactlyInAnyOrderElementsOf(range(0, 9));
		send(producer, key, 10, 19);
		assertThat(receive(consumer, 10)).containsExactlyInAnyOrderElementsOf(range(10, 19));
	}

	@ParameterizedTest
	@EnumSource(value = ConsumerMode.class, names = { "REAL_TIME", "RESUMABLE" })
	void shardsCreatedWhileRunningArePickedUp(ConsumerMode mode) throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("growing");
		this.support.raw().xadd(key.name() + ":0", "msg", "first");
		Consumer consumer = consumer(streamer, mode, key);
		assertThat(await(consumer.next()).payloadAsString()).isEqualTo("first");
		// a plain string key with a shard-like name is not a stream: SCAN ... TYPE stream
		// skips it
		this.support.raw().set(key.name() + ":9", "not a stream");
		Producer producer = streamer.createProducer(key, roundRobin(4));
		send(producer, key, 0, 7);
		assertThat(receive(consumer, 8)).containsExactlyInAnyOrderElementsOf(range(0, 7));
	}

	@Test
	void trimByLengthKeepsTheNewestEntriesOfEveryShard() throws Exception {
		RedisStreamer streamer = (RedisStreamer) this.support.streamer();
		StreamKey key = key("trim");
		send(streamer.createProducer(key, roundRobin(2)), key, 0, 19);
		send(streamer.createProducer(key), key, 0, 9);
		long deleted = await(streamer.trimMaxLen(key, 3));
		assertThat(deleted).isEqualTo(7 + 7 + 7);
		assertThat(this.support.raw().xlen(key.name())).isEqualTo(3);
		assertThat(this.support.raw().xlen(key.name() + ":0")).isEqualTo(3);
		assertThat(this.support.raw().xlen(key.name() + ":1")).isEqualTo(3);
	}

	@Test
	void trimByTimeDeletesOnlyOlderEntries() throws Exception {
		RedisStreamer streamer = (RedisStreamer) this.support.streamer();
		StreamKey key = key("trim-time");
		Producer producer = streamer.createProducer(key);
		MessageHeader old = send(producer, key, 0, 4).get(4);
		Awaitility.await()
			.atMost(Duration.ofSeconds(1))
			.until(() -> Instant.now().toEpochMilli() > old.timestamp().toEpochMilli());
		MessageHeader kept = send(producer, key, 5, 9).get(0);
		long deleted = await(streamer.trimBefore(key, kept.timestamp()));
		assertThat(deleted).isEqualTo(5);
		assertThat(this.support.raw().xrange(key.name(), io.lettuce.core.Range.create("-", "+")))
			.extracting((m) -> m.getBody().get("msg"))
			.containsExactlyElementsOf(range(5, 9));
	}

}

package io.github.seastreamer.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.Producer;
import io.github.seastreamer.SeqPos;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.UnsupportedFeatureException;

import static io.github.seastreamer.redis.RedisTestSupport.await;
import static io.github.seastreamer.redis.RedisTestSupport.key;
import static io.github.seastreamer.redis.RedisTestSupport.range;
import static io.github.seastreamer.redis.RedisTestSupport.receive;
import static io.github.seastreamer.redis.RedisTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Spec redis.md §13.8 ({@code seek-rewind}) and §6: what a seek does to a group.
 */
class RedisSeekRewindIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = RedisServerExtension.create();

	private final RedisTestSupport support = new RedisTestSupport(redis);

	@AfterEach
	void close() {
		this.support.close();
	}

	static List<Arguments> modesAndBatches() {
		List<Arguments> cases = new ArrayList<>();
		for (ConsumerMode mode : List.of(ConsumerMode.REAL_TIME, ConsumerMode.RESUMABLE)) {
			for (int batch : List.of(1, 5, 25)) {
				cases.add(Arguments.of(mode, batch));
			}
		}
		return cases;
	}

	@ParameterizedTest
	@MethodSource("modesAndBatches")
	void seekAndRewindRepositionEveryStream(ConsumerMode mode, int batch) throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("seek");
		Producer producer = streamer.createProducer(key);
		send(producer, key, 0, 28);
		MessageHeader oneThird = send(producer, key, 29, 29).get(0);
		// the next entries must fall in a later millisecond than entry 29
		Awaitility.await()
			.atMost(Duration.ofSeconds(1))
			.until(() -> Instant.now().toEpochMilli() > oneThird.timestamp().toEpochMilli());
		send(producer, key, 30, 99);
		Consumer consumer = this.support.track(streamer.createConsumer(key,
				ConsumerOptions.builder()
					.mode(mode)
					.group((mode == ConsumerMode.RESUMABLE) ? key.name() : null)
					.streamReset(StreamReset.EARLIEST)
					.with(RedisConsumerOptions.builder()
						.batchSize(batch)
						.autoCommit(AutoCommit.DISABLED)
						.heartbeat(RedisTestSupport.fast())
						.build())
					.build()));
		assertThat(receive(consumer, 10)).containsExactlyElementsOf(range(0, 9));
		await(consumer.rewind(SeqPos.BEGINNING));
		assertThat(receive(consumer, 10)).containsExactlyElementsOf(range(0, 9));
		await(consumer.rewind(SeqPos.at(oneThird.sequence())));
		assertThat(receive(consumer, 10)).containsExactlyElementsOf(range(30, 39));
		await(consumer.seek(oneThird.timestamp()));
		assertThat(receive(consumer, 10)).containsExactlyElementsOf(range(30, 39));
		await(consumer.rewind(SeqPos.END));
		CompletableFuture<Message> cancelled = consumer.next();
		cancelled.cancel(false);
		send(producer, key, 100, 109);
		assertThat(receive(consumer, 5)).containsExactlyElementsOf(range(100, 104));
		assertThat(receive(consumer, 5)).containsExactlyElementsOf(range(105, 109));
	}

	@Test
	void seekOnAResumableConsumerMovesItsGroup() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("setid");
		Producer producer = streamer.createProducer(key);
		List<MessageHeader> receipts = send(producer, key, 0, 9);
		ConsumerOptions options = ConsumerOptions.builder()
			.mode(ConsumerMode.RESUMABLE)
			.group(key.name())
			.streamReset(StreamReset.EARLIEST)
			.with(RedisConsumerOptions.builder().heartbeat(RedisTestSupport.fast()).build())
			.build();
		Consumer consumer = this.support.track(streamer.createConsumer(key, options));
		assertThat(receive(consumer, 10)).containsExactlyElementsOf(range(0, 9));
		// XREADGROUP > only returns entries after the group's last-delivered id: seeing
		// 7..9
		// again proves the group itself was moved (XGROUP SETID)
		await(consumer.rewind(SeqPos.at(receipts.get(6).sequence())));
		assertThat(receive(consumer, 3)).containsExactly("7", "8", "9");
		consumer.close();
		// the group position moved: a new member of the group starts after entry 6 as
		// well
		Consumer other = this.support.track(streamer.createConsumer(key, options.toBuilder()
			.with(RedisConsumerOptions.builder().consumerId("another").heartbeat(RedisTestSupport.fast()).build())
			.build()));
		await(producer.send("10"));
		assertThat(await(other.next()).payloadAsString()).isEqualTo("10");
	}

	@Test
	void seekOnALoadBalancedConsumerIsRefusedNamingTheGroup() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("lb");
		Consumer consumer = this.support.track(streamer.createConsumer(key,
				ConsumerOptions.builder()
					.mode(ConsumerMode.LOAD_BALANCED)
					.group("shared-group")
					.with(RedisConsumerOptions.builder().mkstream(true).build())
					.build()));
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> await(consumer.rewind(SeqPos.BEGINNING)))
			.havingRootCause()
			.isInstanceOf(UnsupportedFeatureException.class)
			.withMessageContaining("shared-group");
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> await(consumer.seek(Instant.now())))
			.havingRootCause()
			.isInstanceOf(UnsupportedFeatureException.class);
	}

	@Test
	void assignedShardIsReadFromTheNextRewindAndUnassigningTheLastShardFails() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("assign");
		Consumer consumer = this.support.track(streamer.createConsumer(key,
				ConsumerOptions.builder()
					.streamReset(StreamReset.EARLIEST)
					.with(RedisConsumerOptions.builder()
						.heartbeat(RedisTestSupport.fast())
						.shardDiscoveryInterval(null)
						.build())
					.build()));
		this.support.raw().xadd(key.name() + ":4", "msg", "on shard four");
		consumer.assign(key, ShardId.of(4));
		await(consumer.rewind(SeqPos.BEGINNING));
		Message message = await(consumer.next());
		assertThat(message.payloadAsString()).isEqualTo("on shard four");
		assertThat(message.shardId()).isEqualTo(ShardId.of(4));
		consumer.unassign(key, ShardId.ZERO);
		assertThatExceptionOfType(io.github.seastreamer.SeaStreamerException.class)
			.isThrownBy(() -> consumer.unassign(key, ShardId.of(4)))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(io.github.seastreamer.ErrorKind.STREAM_KEY_EMPTY));
	}

}

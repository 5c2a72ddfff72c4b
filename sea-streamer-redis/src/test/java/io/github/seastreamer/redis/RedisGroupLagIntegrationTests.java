package io.github.seastreamer.redis;

import java.util.List;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.GroupLagReporter;
import io.github.seastreamer.Message;
import io.github.seastreamer.ProducerOptions;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.ShardLag;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.Streamer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.seastreamer.redis.RedisTestSupport.await;
import static io.github.seastreamer.redis.RedisTestSupport.key;
import static io.github.seastreamer.redis.RedisTestSupport.receiveMessages;
import static io.github.seastreamer.redis.RedisTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A group's lag as the Redis streamer reports it on its own connection: per stream and
 * shard key, {@code lag + pending} of {@code XINFO GROUPS}.
 */
class RedisGroupLagIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = RedisServerExtension.create();

	private final RedisTestSupport support = new RedisTestSupport(redis);

	@AfterEach
	void close() {
		this.support.close();
	}

	private static ConsumerOptions resumable(String group) {
		return ConsumerOptions.builder()
			.mode(ConsumerMode.RESUMABLE)
			.group(group)
			.streamReset(StreamReset.EARLIEST)
			.with(RedisConsumerOptions.builder().autoCommit(AutoCommit.DISABLED).build())
			.build();
	}

	private static List<ShardLag> lag(Streamer streamer, List<StreamKey> keys, ConsumerOptions options)
			throws Exception {
		return await(((GroupLagReporter) streamer).groupLag(keys, options));
	}

	@Test
	void lagCountsEntriesNotDeliveredOrNotAcknowledgedPerShard() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("lagging");
		StreamKey missing = key("never-written");
		send(streamer.createProducer(key,
				ProducerOptions.builder()
					.with(RedisProducerOptions.builder().sharder(() -> Sharder.roundRobin(2)).build())
					.build()),
				key, 0, 9);
		ConsumerOptions options = resumable("lag-group");
		// the group does not exist yet: nothing to report
		assertThat(lag(streamer, List.of(key, missing), options)).isEmpty();
		Consumer consumer = this.support.track(streamer.createConsumer(key, options));
		List<Message> read = receiveMessages(consumer, 4);
		// the group exists on both shard keys; 4 entries delivered and not acknowledged
		List<ShardLag> whileReading = lag(streamer, List.of(key, missing), options);
		assertThat(whileReading).extracting(ShardLag::shardId).containsExactlyInAnyOrder(ShardId.of(0), ShardId.of(1));
		assertThat(whileReading.stream().mapToLong(ShardLag::lag).sum()).isEqualTo(10);
		for (Message message : read) {
			await(consumer.commit(message.header()));
		}
		assertThat(lag(streamer, List.of(key), options).stream().mapToLong(ShardLag::lag).sum()).isEqualTo(6);
	}

	@Test
	void realTimeOptionsHaveNoGroup() {
		Streamer streamer = this.support.streamer();
		Throwable error = catchThrowable(() -> lag(streamer, List.of(key("rt")), ConsumerOptions.defaults()));
		assertThat(SeaStreamerException.find(error)).isNotNull()
			.extracting(SeaStreamerException::kind)
			.isEqualTo(ErrorKind.CONSUMER_GROUP_NOT_SET);
	}

}

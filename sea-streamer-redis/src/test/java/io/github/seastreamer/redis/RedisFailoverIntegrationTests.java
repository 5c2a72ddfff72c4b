package io.github.seastreamer.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.Message;
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
 * Two LoadBalanced members of one group; one dies with entries pending (its process
 * "crashes": its streamer is torn down, nothing acknowledged). The other claims and
 * delivers them; nothing is lost.
 */
class RedisFailoverIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = RedisServerExtension.create();

	private final RedisTestSupport support = new RedisTestSupport(redis);

	@AfterEach
	void close() {
		this.support.close();
	}

	private Consumer member(Streamer streamer, StreamKey key, String name) {
		return streamer.createConsumer(key,
				ConsumerOptions.builder()
					.mode(ConsumerMode.LOAD_BALANCED)
					.group(key.name())
					.streamReset(StreamReset.EARLIEST)
					.with(RedisConsumerOptions.builder()
						.consumerId(name)
						.autoCommit(AutoCommit.ROLLING)
						.autoCommitInterval(Duration.ofMillis(50))
						.batchSize(10)
						.autoClaimIdle(Duration.ofMillis(800))
						.autoClaimInterval(Duration.ofMillis(300))
						.heartbeat(Duration.ofMillis(150))
						.mkstream(true)
						.build())
					.build());
	}

	@Test
	void survivingMemberClaimsEverythingTheDeadOneHadPending() throws Exception {
		StreamKey key = key("failover");
		Streamer doomed = this.support.streamer();
		Consumer alpha = member(doomed, key, "alpha");
		Streamer survivor = this.support.streamer();
		Producer producer = survivor.createProducer(key);
		send(producer, key, 0, 29);
		List<String> fromAlpha = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			fromAlpha.add(await(alpha.next()).payloadAsString());
		}
		// alpha read ahead a batch: all of it sits in its pending list, nothing
		// acknowledged
		assertThat(this.support.raw().xpending(key.name(), key.name()).getCount()).isGreaterThanOrEqualTo(5);
		await(doomed.disconnect());
		Consumer beta = this.support.track(member(survivor, key, "beta"));
		List<String> fromBeta = new ArrayList<>();
		while (fromBeta.size() < 30) {
			Message message = await(beta.next());
			fromBeta.add(message.payloadAsString());
			beta.commit(message.header());
			if (fromBeta.containsAll(range(0, 29))) {
				break;
			}
		}
		assertThat(fromBeta).containsAll(range(0, 29));
		assertThat(fromBeta).doesNotHaveDuplicates();
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.support.raw().xpending(key.name(), key.name()).getCount()).isZero());
	}

}

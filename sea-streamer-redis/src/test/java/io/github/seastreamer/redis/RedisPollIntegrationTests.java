package io.github.seastreamer.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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
import static io.github.seastreamer.redis.RedisTestSupport.receive;
import static io.github.seastreamer.redis.RedisTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Consumer.poll()} on Redis: it takes only what was already read, in order, and a
 * polled entry counts as delivered exactly like one from {@code next()}.
 */
class RedisPollIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = RedisServerExtension.create();

	private final RedisTestSupport support = new RedisTestSupport(redis);

	@AfterEach
	void close() {
		this.support.close();
	}

	private Consumer consumer(Streamer streamer, ConsumerMode mode, String group, RedisConsumerOptions.Builder options,
			StreamKey key) {
		ConsumerOptions.Builder generic = ConsumerOptions.builder().mode(mode).streamReset(StreamReset.EARLIEST);
		if (group != null) {
			generic.group(group);
		}
		return this.support.track(
				streamer.createConsumer(key, generic.with(options.heartbeat(RedisTestSupport.fast()).build()).build()));
	}

	/** Take {@code count} payloads: one {@code next()}, then polls (which never wait). */
	private static List<String> nextThenPoll(Consumer consumer, int count) throws Exception {
		List<String> payloads = new ArrayList<>();
		payloads.add(await(consumer.next()).payloadAsString());
		org.awaitility.Awaitility.await().atMost(Duration.ofMillis(RedisTestSupport.TIMEOUT_MS)).until(() -> {
			Message message;
			while (payloads.size() < count && (message = consumer.poll()) != null) {
				payloads.add(message.payloadAsString());
			}
			return payloads.size() >= count;
		});
		return payloads;
	}

	@Test
	void pollTakesWhatWasReadInOrderAndReturnsNullOnceCaughtUp() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("poll");
		Producer producer = streamer.createProducer(key);
		send(producer, key, 0, 99);
		Consumer consumer = consumer(streamer, ConsumerMode.REAL_TIME, null, RedisConsumerOptions.builder(), key);
		assertThat(nextThenPoll(consumer, 100)).containsExactlyElementsOf(range(0, 99));
		assertThat(consumer.poll()).as("caught up").isNull();
		CompletableFuture<Message> waiting = consumer.next();
		send(producer, key, 100, 100);
		assertThat(await(waiting).payloadAsString()).isEqualTo("100");
		consumer.close();
		assertThat(consumer.poll()).as("closed").isNull();
	}

	@Test
	void polledEntriesAreAcknowledgedByDelayedAutoCommitLikeThoseFromNext() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("poll-delayed");
		String group = key.name() + "-g";
		Producer producer = streamer.createProducer(key);
		send(producer, key, 0, 49);
		RedisConsumerOptions.Builder options = RedisConsumerOptions.builder()
			.autoCommit(AutoCommit.DELAYED)
			.autoCommitDelay(Duration.ZERO)
			.consumerId(group + "-a");
		Consumer first = consumer(streamer, ConsumerMode.RESUMABLE, group, options, key);
		assertThat(nextThenPoll(first, 50)).containsExactlyElementsOf(range(0, 49));
		first.close();
		assertThat(this.support.raw().xpending(key.name(), group).getCount())
			.as("every polled entry was acknowledged at close")
			.isZero();
		send(producer, key, 50, 50);
		Consumer again = consumer(streamer, ConsumerMode.RESUMABLE, group, options, key);
		assertThat(receive(again, 1)).as("nothing polled is delivered again").containsExactly("50");
	}

	@Test
	void onDemandConsumerPollsNothingThatNoNextAskedFor() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("poll-disabled");
		String group = key.name() + "-g";
		Producer producer = streamer.createProducer(key);
		send(producer, key, 0, 9);
		Consumer consumer = consumer(streamer, ConsumerMode.RESUMABLE, group,
				RedisConsumerOptions.builder().autoCommit(AutoCommit.DISABLED).consumerId(group + "-a"), key);
		assertThat(await(consumer.next()).payloadAsString()).isEqualTo("0");
		assertThat(consumer.poll()).as("nothing is read ahead on demand").isNull();
		assertThat(receive(consumer, 2)).containsExactly("1", "2");
		assertThat(this.support.raw().xpending(key.name(), group).getCount())
			.as("only what next() asked for was read into the pending list")
			.isEqualTo(3);
	}

}

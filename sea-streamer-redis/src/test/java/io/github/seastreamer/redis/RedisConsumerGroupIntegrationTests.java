package io.github.seastreamer.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.Producer;
import io.github.seastreamer.ProducerOptions;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.Streamer;

import static io.github.seastreamer.redis.RedisTestSupport.await;
import static io.github.seastreamer.redis.RedisTestSupport.key;
import static io.github.seastreamer.redis.RedisTestSupport.range;
import static io.github.seastreamer.redis.RedisTestSupport.receive;
import static io.github.seastreamer.redis.RedisTestSupport.receiveMessages;
import static io.github.seastreamer.redis.RedisTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Spec redis.md §13.3 to §13.7: consumer groups, the auto-commit policies, load balancing
 * and failover.
 */
class RedisConsumerGroupIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = RedisServerExtension.create();

	private final RedisTestSupport support = new RedisTestSupport(redis);

	@AfterEach
	void close() {
		this.support.close();
	}

	private Consumer consumer(Streamer streamer, ConsumerMode mode, StreamReset reset, String group,
			RedisConsumerOptions.Builder redis, StreamKey key) {
		ConsumerOptions.Builder options = ConsumerOptions.builder().mode(mode).streamReset(reset);
		if (group != null) {
			options.group(group);
		}
		return this.support.track(
				streamer.createConsumer(key, options.with(redis.heartbeat(RedisTestSupport.fast()).build()).build()));
	}

	@Test
	void groupOnAMissingStreamWithoutMkstreamFailsTheFirstNext() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("missing");
		Consumer consumer = consumer(streamer, ConsumerMode.LOAD_BALANCED, StreamReset.EARLIEST, null,
				RedisConsumerOptions.builder(), key);
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> await(consumer.next()))
			.satisfies((ex) -> assertThat(SeaStreamerException.find(ex).getMessage()).contains("mkstream"));
	}

	@Test
	void groupWithMkstreamReceivesWhatIsSentLater() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("group");
		Consumer consumer = consumer(streamer, ConsumerMode.LOAD_BALANCED, StreamReset.EARLIEST, null,
				RedisConsumerOptions.builder().mkstream(true), key);
		List<MessageHeader> receipts = send(streamer.createProducer(key), key, 0, 4);
		assertThat(receipts).extracting(MessageHeader::sequence).isSorted();
		assertThat(receive(consumer, 5)).containsExactlyElementsOf(range(0, 4));
		RedisConsumer redisConsumer = (RedisConsumer) consumer;
		assertThat(redisConsumer.group()).endsWith(":s");
	}

	static List<Arguments> immediateAndDelayed() {
		List<Arguments> cases = new ArrayList<>();
		for (AutoCommit commit : List.of(AutoCommit.IMMEDIATE, AutoCommit.DELAYED)) {
			for (ConsumerMode mode : List.of(ConsumerMode.RESUMABLE, ConsumerMode.LOAD_BALANCED)) {
				cases.add(Arguments.of(commit, mode));
			}
		}
		return cases;
	}

	@ParameterizedTest
	@MethodSource("immediateAndDelayed")
	void immediateAndDelayedResumeAfterWhatWasDelivered(AutoCommit commit, ConsumerMode mode) throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("resume");
		String s = key.name();
		Producer producer = streamer.createProducer(key);
		List<MessageHeader> receipts = send(producer, key, 0, 4);
		assertThat(receipts).allSatisfy((r) -> assertThat(r.streamKey()).isEqualTo(key));
		RedisConsumerOptions.Builder half = RedisConsumerOptions.builder()
			.autoCommit(commit)
			.autoCommitDelay(Duration.ZERO)
			.consumerId(s + "a");
		Consumer halfConsumer = consumer(streamer, mode, StreamReset.LATEST, s + "a", half, key);
		RedisConsumerOptions.Builder full = RedisConsumerOptions.builder()
			.autoCommit(commit)
			.autoCommitDelay(Duration.ZERO)
			.consumerId(s + "b");
		Consumer fullConsumer = consumer(streamer, mode, StreamReset.EARLIEST, s + "b", full, key);
		assertThat(receive(fullConsumer, 5)).containsExactlyElementsOf(range(0, 4));
		send(producer, key, 5, 9);
		await(producer.end());
		fullConsumer.close();
		assertThat(receive(halfConsumer, 5)).containsExactlyElementsOf(range(5, 9));
		Consumer again = consumer(streamer, mode, StreamReset.EARLIEST, s + "b",
				RedisConsumerOptions.builder().autoCommit(commit).autoCommitDelay(Duration.ZERO).consumerId(s + "b"),
				key);
		assertThat(receive(again, 5)).containsExactlyElementsOf(range(5, 9));
	}

	static List<Arguments> rollingAndDisabled() {
		List<Arguments> cases = new ArrayList<>();
		for (AutoCommit commit : List.of(AutoCommit.ROLLING, AutoCommit.DISABLED)) {
			for (ConsumerMode mode : List.of(ConsumerMode.RESUMABLE, ConsumerMode.LOAD_BALANCED)) {
				cases.add(Arguments.of(commit, mode));
			}
		}
		return cases;
	}

	@ParameterizedTest
	@MethodSource("rollingAndDisabled")
	void rollingAndDisabledRedeliverWhatWasNotCommitted(AutoCommit commit, ConsumerMode mode) throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("commit");
		String s = key.name();
		Producer producer = streamer.createProducer(key);
		send(producer, key, 0, 4);
		Consumer c = consumer(streamer, mode, StreamReset.EARLIEST, s + "c", options(commit, s + "c"), key);
		Consumer d = consumer(streamer, mode, StreamReset.EARLIEST, s + "d", options(commit, s + "d"), key);
		assertThat(receive(d, 5)).containsExactlyElementsOf(range(0, 4));
		List<Message> fromC = receiveMessages(c, 5);
		assertThat(fromC).extracting(Message::payloadAsString).containsExactlyElementsOf(range(0, 4));
		List<CompletableFuture<Void>> commits = new ArrayList<>();
		for (Message message : fromC.subList(0, 4)) {
			commits.add(c.commit(message.header()));
		}
		send(producer, key, 5, 9);
		await(producer.end());
		for (CompletableFuture<Void> future : commits) {
			await(future);
		}
		c.close();
		d.close();
		Consumer newC = consumer(streamer, mode, StreamReset.EARLIEST, s + "c", options(commit, s + "c"), key);
		assertThat(receive(newC, 6)).containsExactly("4", "5", "6", "7", "8", "9");
		Consumer newD = consumer(streamer, mode, StreamReset.EARLIEST, s + "d", options(commit, s + "d"), key);
		assertThat(receive(newD, 5)).containsExactlyElementsOf(range(0, 4));
	}

	private static RedisConsumerOptions.Builder options(AutoCommit commit, String name) {
		return RedisConsumerOptions.builder().autoCommit(commit).autoCommitInterval(Duration.ZERO).consumerId(name);
	}

	@Test
	void loadBalancedMembersSplitTheStreamWithoutLossOrDuplicate() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("balance");
		Producer producer = streamer.createProducer(key);
		send(producer, key, 0, 4);
		RedisConsumerOptions.Builder options = RedisConsumerOptions.builder()
			.autoCommit(AutoCommit.DISABLED)
			.batchSize(1);
		Consumer alpha = consumer(streamer, ConsumerMode.LOAD_BALANCED, StreamReset.EARLIEST, null, options, key);
		Consumer beta = consumer(streamer, ConsumerMode.LOAD_BALANCED, StreamReset.EARLIEST, null, options, key);
		assertThat(((RedisConsumer) alpha).group()).isEqualTo(((RedisConsumer) beta).group());
		assertThat(((RedisConsumer) alpha).consumerName()).isNotEqualTo(((RedisConsumer) beta).consumerName());
		send(producer, key, 5, 9);
		List<String> all = new CopyOnWriteArrayList<>();
		List<String> byAlpha = new CopyOnWriteArrayList<>();
		List<String> byBeta = new CopyOnWriteArrayList<>();
		CompletableFuture<Void> done = new CompletableFuture<>();
		pull(alpha, byAlpha, all, done);
		pull(beta, byBeta, all, done);
		await(done);
		assertThat(all).containsExactlyInAnyOrderElementsOf(range(0, 9));
		assertThat(byAlpha).isNotEmpty();
		assertThat(byBeta).isNotEmpty();
	}

	private static void pull(Consumer consumer, List<String> mine, List<String> all, CompletableFuture<Void> done) {
		consumer.next().whenComplete((message, error) -> {
			if (error != null || done.isDone()) {
				return;
			}
			mine.add(message.payloadAsString());
			all.add(message.payloadAsString());
			consumer.commit(message.header());
			if (all.size() >= 10) {
				done.complete(null);
			}
			else {
				// 5 ms of "work" per message, as the spec's scenario, so that neither
				// member
				// drains the stream alone
				CompletableFuture.runAsync(() -> pull(consumer, mine, all, done),
						CompletableFuture.delayedExecutor(5, java.util.concurrent.TimeUnit.MILLISECONDS));
			}
		});
	}

	@Test
	void failoverClaimsTheEntriesOfAnIdleMemberInItsOwnName() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("failover");
		String group = key.name();
		Producer producer = streamer.createProducer(key);
		send(producer, key, 0, 4);
		Consumer alpha = consumer(streamer, ConsumerMode.LOAD_BALANCED, StreamReset.EARLIEST, group,
				failoverOptions(key.name() + "-alpha"), key);
		assertThat(receive(alpha, 5)).containsExactlyElementsOf(range(0, 4));
		Consumer beta = consumer(streamer, ConsumerMode.LOAD_BALANCED, StreamReset.EARLIEST, group,
				failoverOptions(key.name() + "-beta"), key);
		send(producer, key, 5, 9);
		for (Message message : receiveMessages(beta, 5)) {
			assertThat(message.payloadAsString()).isIn(range(5, 9));
			await(beta.commit(message.header()));
		}
		alpha.close();
		List<Message> claimed = receiveMessages(beta, 5);
		assertThat(claimed).extracting(Message::payloadAsString).containsExactlyElementsOf(range(0, 4));
		for (Message message : claimed) {
			await(beta.commit(message.header()));
		}
		// claimed in beta's own name: alpha keeps nothing pending
		assertThat(this.support.raw().xpending(key.name(), group).getCount()).isZero();
		send(producer, key, 10, 14);
		Consumer alphaAgain = consumer(streamer, ConsumerMode.LOAD_BALANCED, StreamReset.EARLIEST, group,
				failoverOptions(key.name() + "-alpha"), key);
		assertThat(receive(alphaAgain, 2)).containsExactly("10", "11");
		assertThat(receive(beta, 3)).containsExactly("12", "13", "14");
	}

	private static RedisConsumerOptions.Builder failoverOptions(String name) {
		return RedisConsumerOptions.builder()
			.autoCommit(AutoCommit.DISABLED)
			.autoClaimIdle(Duration.ofSeconds(1))
			.autoClaimInterval(Duration.ofMillis(500))
			.batchSize(1)
			.consumerId(name);
	}

	@Test
	void commitOnARealTimeConsumerIsNotAllowed() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("rt");
		Consumer consumer = consumer(streamer, ConsumerMode.REAL_TIME, StreamReset.EARLIEST, null,
				RedisConsumerOptions.builder(), key);
		await(streamer.createProducer(key).send("x"));
		Message message = await(consumer.next());
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> await(consumer.commit(message.header())))
			.satisfies(
					(ex) -> assertThat(SeaStreamerException.find(ex).kind()).isEqualTo(ErrorKind.COMMIT_NOT_ALLOWED));
	}

	@Test
	void commitOfAShardTheConsumerDoesNotReadFailsInsteadOfCrashing() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("unknown");
		Consumer consumer = consumer(streamer, ConsumerMode.RESUMABLE, StreamReset.EARLIEST, null,
				RedisConsumerOptions.builder().mkstream(true).autoCommit(AutoCommit.DISABLED), key);
		MessageHeader foreign = new MessageHeader(key, io.github.seastreamer.ShardId.of(7), 1 << 16,
				java.time.Instant.now());
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> await(consumer.commit(foreign)))
			.satisfies(
					(ex) -> assertThat(SeaStreamerException.find(ex).kind()).isEqualTo(ErrorKind.STREAM_KEY_NOT_FOUND));
		await(streamer.createProducer(key).send("still alive"));
		assertThat(await(consumer.next()).payloadAsString()).isEqualTo("still alive");
	}

	@Test
	void resumableDefaultsUseTheHostGroupAndTheGroupAsConsumerName() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("names");
		Consumer consumer = consumer(streamer, ConsumerMode.RESUMABLE, StreamReset.EARLIEST, null,
				RedisConsumerOptions.builder().mkstream(true), key);
		assertThat(((RedisConsumer) consumer).group()).isEqualTo(io.github.seastreamer.HostId.get() + ":r");
		assertThat(((RedisConsumer) consumer).consumerName()).isEqualTo(((RedisConsumer) consumer).group());
	}

	@Test
	void producerSendsFanOutOverOneStreamerAndUnusedOptionsStayInert() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("fan");
		Producer producer = streamer.createGenericProducer(ProducerOptions.defaults());
		List<CompletableFuture<MessageHeader>> futures = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			futures.add(producer.sendTo(key, "m" + i));
		}
		await(producer.flush());
		assertThat(futures).allSatisfy((f) -> assertThat(f).isCompleted());
		assertThat(this.support.raw().xlen(key.name())).isEqualTo(2000);
	}

}

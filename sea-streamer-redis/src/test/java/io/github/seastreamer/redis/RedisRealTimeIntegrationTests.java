package io.github.seastreamer.redis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.Producer;
import io.github.seastreamer.ProducerOptions;
import io.github.seastreamer.SeaStreamerException;
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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Spec redis.md §13.1 ({@code realtime}) and §13.2 ({@code realtime-multi}).
 */
class RedisRealTimeIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = RedisServerExtension.create();

	private final RedisTestSupport support = new RedisTestSupport(redis);

	@AfterEach
	void close() {
		this.support.close();
	}

	private Consumer consumer(Streamer streamer, StreamReset reset, StreamKey... keys) {
		return this.support.track(streamer.createConsumer(List.of(keys),
				ConsumerOptions.builder()
					.mode(ConsumerMode.REAL_TIME)
					.streamReset(reset)
					.with(RedisConsumerOptions.builder().heartbeat(RedisTestSupport.fast()).build())
					.build()));
	}

	@Test
	void realtimeLatestAndEarliestConsumersSeeWhatTheSpecSays() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey a = key("a");
		StreamKey b = key("b");
		Producer producer = streamer.createGenericProducer(ProducerOptions.defaults());
		List<MessageHeader> receipts = send(producer, a, 0, 4);
		for (int i = 0; i < receipts.size(); i++) {
			assertThat(receipts.get(i).streamKey()).isEqualTo(a);
			assertThat(receipts.get(i).shardId()).isEqualTo(ShardId.ZERO);
			if (i > 0) {
				assertThat(receipts.get(i).sequence()).isGreaterThan(receipts.get(i - 1).sequence());
			}
		}
		Consumer half = consumer(streamer, StreamReset.LATEST, a);
		send(producer, a, 5, 9);
		await(producer.flush());
		Consumer full = consumer(streamer, StreamReset.EARLIEST, a, b);
		assertThat(receive(half, 5)).containsExactlyElementsOf(range(5, 9));
		assertThat(receive(full, 10)).containsExactlyElementsOf(range(0, 9));
		send(producer, a, 10, 12);
		await(producer.flush());
		half.close();
		assertThat(receive(full, 2)).containsExactly("10", "11");
		send(producer, a, 13, 14);
		send(producer, b, 15, 19);
		await(producer.end());
		assertThat(receive(full, 3)).containsExactly("12", "13", "14");
		assertThat(receive(full, 5)).containsExactlyElementsOf(range(15, 19));
	}

	@Test
	void aBusyStreamDoesNotStarveAQuietOne() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey fast = key("fast");
		StreamKey slow = key("slow");
		Producer producer = streamer.createGenericProducer(ProducerOptions.defaults());
		Consumer consumer = consumer(streamer, StreamReset.LATEST, fast, slow);
		await(producer.sendTo(fast, "f0"));
		assertThat(await(consumer.next()).payloadAsString()).isEqualTo("f0");
		await(producer.sendTo(slow, "s0"));
		await(producer.sendTo(fast, "f1"));
		assertThat(receive(consumer, 2)).containsExactlyInAnyOrder("s0", "f1");
	}

	@Test
	void manyQuietStreamsAllDeliverBesideABusyOne() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey fast = key("fast");
		StreamKey[] quiet = { key("q0"), key("q1"), key("q2") };
		Producer producer = streamer.createGenericProducer(ProducerOptions.defaults());
		Consumer consumer = consumer(streamer, StreamReset.LATEST, fast, quiet[0], quiet[1], quiet[2]);
		await(producer.sendTo(fast, "f0"));
		assertThat(await(consumer.next()).payloadAsString()).isEqualTo("f0");
		for (int i = 0; i < 3; i++) {
			await(producer.sendTo(quiet[i], "q" + i));
		}
		await(producer.sendTo(fast, "f1"));
		assertThat(receive(consumer, 4)).containsExactlyInAnyOrder("q0", "q1", "q2", "f1");
	}

	@Test
	void latestSkipsHistory() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey a = key("a");
		StreamKey b = key("b");
		Producer producer = streamer.createGenericProducer(ProducerOptions.defaults());
		send(producer, a, 0, 2);
		send(producer, b, 0, 2);
		Consumer consumer = consumer(streamer, StreamReset.LATEST, a, b);
		await(producer.sendTo(a, "a-new"));
		await(producer.sendTo(b, "b-new"));
		assertThat(receive(consumer, 2)).containsExactlyInAnyOrder("a-new", "b-new");
	}

	@Test
	void quietHistoryIsNeitherStarvedNorReplayed() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey fast = key("fast");
		StreamKey quiet = key("quiet");
		Producer producer = streamer.createGenericProducer(ProducerOptions.defaults());
		send(producer, quiet, 0, 2);
		Consumer consumer = consumer(streamer, StreamReset.LATEST, fast, quiet);
		await(producer.sendTo(fast, "f0"));
		assertThat(await(consumer.next()).payloadAsString()).isEqualTo("f0");
		await(producer.sendTo(quiet, "q-new"));
		await(producer.sendTo(fast, "f1"));
		Set<String> got = new HashSet<>(receive(consumer, 2));
		assertThat(got).containsExactlyInAnyOrder("q-new", "f1");
	}

	@Test
	void streamsThatDoNotExistYetAreAnchoredAtTheirBeginning() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey[] keys = { key("x0"), key("x1"), key("x2"), key("x3") };
		Consumer consumer = consumer(streamer, StreamReset.LATEST, keys);
		Producer producer = streamer.createGenericProducer(ProducerOptions.defaults());
		for (int i = 0; i < keys.length; i++) {
			await(producer.sendTo(keys[i], "m" + i));
		}
		assertThat(receive(consumer, 4)).containsExactlyInAnyOrder("m0", "m1", "m2", "m3");
	}

	@Test
	void multipleRoundsEachDeliverBothStreams() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey fast = key("fast");
		StreamKey slow = key("slow");
		Producer producer = streamer.createGenericProducer(ProducerOptions.defaults());
		Consumer consumer = consumer(streamer, StreamReset.LATEST, fast, slow);
		for (int round = 0; round < 5; round++) {
			await(producer.sendTo(fast, "f" + round));
			await(producer.sendTo(slow, "s" + round));
			assertThat(receive(consumer, 2)).containsExactlyInAnyOrder("f" + round, "s" + round);
		}
	}

	@Test
	void earliestGetsEverything() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey fast = key("fast");
		StreamKey quiet = key("quiet");
		Producer producer = streamer.createGenericProducer(ProducerOptions.defaults());
		await(producer.sendTo(quiet, "q-old"));
		Consumer consumer = consumer(streamer, StreamReset.EARLIEST, fast, quiet);
		await(producer.sendTo(fast, "f0"));
		await(producer.sendTo(quiet, "q-new"));
		List<String> got = new ArrayList<>(receive(consumer, 3));
		assertThat(got).containsExactlyInAnyOrder("q-old", "f0", "q-new");
		assertThat(got.indexOf("q-old")).isLessThan(got.indexOf("q-new"));
	}

	@Test
	void aKeyOfAnotherTypeMakesNextFailWithWrongType() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey good = key("good");
		StreamKey plain = key("plain");
		this.support.raw().set(plain.name(), "not a stream");
		Consumer consumer = consumer(streamer, StreamReset.EARLIEST, good, plain);
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> await(consumer.next()))
			.satisfies((ex) -> assertThat(SeaStreamerException.find(ex)).isNotNull()
				.satisfies((error) -> assertThat(error.getMessage()).contains("WRONGTYPE")));
	}

}

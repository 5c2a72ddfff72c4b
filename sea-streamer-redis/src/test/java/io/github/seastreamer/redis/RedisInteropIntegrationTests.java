package io.github.seastreamer.redis;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.HostId;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.Producer;
import io.github.seastreamer.SeqPos;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.Streamer;

import static io.github.seastreamer.redis.RedisTestSupport.await;
import static io.github.seastreamer.redis.RedisTestSupport.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spec redis.md §14: the interoperability checklist, with raw commands beside our
 * producer and consumer.
 */
class RedisInteropIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = RedisServerExtension.create();

	private final RedisTestSupport support = new RedisTestSupport(redis);

	@AfterEach
	void close() {
		this.support.close();
	}

	private Consumer earliest(Streamer streamer, ConsumerMode mode, StreamKey key) {
		return this.support.track(streamer.createConsumer(key,
				ConsumerOptions.builder()
					.mode(mode)
					.streamReset(StreamReset.EARLIEST)
					.with(RedisConsumerOptions.builder()
						.heartbeat(RedisTestSupport.fast())
						.autoCommit(AutoCommit.DISABLED)
						.mkstream(true)
						.build())
					.build()));
	}

	@Test
	void entriesWeWriteHaveExactlyOneFieldMsgHoldingThePayload() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("ours");
		Producer producer = streamer.createProducer(key);
		MessageHeader receipt = await(producer.send(new byte[] { 0, (byte) 0xFF, 'h', 'i' }));
		List<StreamMessage<String, String>> entries = this.support.raw().xrange(key.name(), Range.create("-", "+"));
		assertThat(entries).hasSize(1);
		StreamMessage<String, String> entry = entries.get(0);
		assertThat(entry.getBody()).containsOnlyKeys("msg");
		RedisMessageId id = RedisMessageId.parse(entry.getId());
		assertThat(receipt.sequence()).isEqualTo(id.sequence());
		assertThat(receipt.timestamp()).isEqualTo(id.timestamp());
		assertThat(receipt.shardId()).isEqualTo(ShardId.ZERO);
		// binary safe: read the raw bytes
		var rawBytes = io.lettuce.core.RedisClient.create(redis.uri())
			.connect(io.lettuce.core.codec.ByteArrayCodec.INSTANCE);
		try {
			List<StreamMessage<byte[], byte[]>> binary = rawBytes.sync()
				.xrange(key.name().getBytes(), Range.create("-", "+"));
			assertThat(binary.get(0).getBody().values()).singleElement()
				.isEqualTo(new byte[] { 0, (byte) 0xFF, 'h', 'i' });
		}
		finally {
			rawBytes.close();
		}
	}

	@Test
	void attributesAreExtraFieldsAfterMsgThatConsumersDeliverAsAttributes() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("attributes");
		Producer producer = streamer.createProducer(key);
		Map<String, String> attributes = new java.util.LinkedHashMap<>();
		attributes.put("seastreamer.error", "boom \u00e9");
		attributes.put("seastreamer.origin.sequence", "42");
		MessageHeader receipt = await(producer.sendTo(key, RedisTestSupport.bytes("payload"), attributes));
		MessageHeader plain = await(producer.send("plain"));
		List<StreamMessage<String, String>> entries = this.support.raw().xrange(key.name(), Range.create("-", "+"));
		assertThat(entries).hasSize(2);
		assertThat(entries.get(0).getBody()).containsExactly(Map.entry("msg", "payload"),
				Map.entry("seastreamer.error", "boom \u00e9"), Map.entry("seastreamer.origin.sequence", "42"));
		assertThat(entries.get(1).getBody()).containsOnlyKeys("msg");
		Consumer consumer = earliest(streamer, ConsumerMode.REAL_TIME, key);
		Message first = await(consumer.next());
		assertThat(first.payloadAsString()).isEqualTo("payload");
		assertThat(first.header()).isEqualTo(receipt);
		assertThat(first.attributes()).containsExactlyInAnyOrderEntriesOf(attributes);
		Message second = await(consumer.next());
		assertThat(second.payloadAsString()).isEqualTo("plain");
		assertThat(second.header()).isEqualTo(plain);
		assertThat(second.attributes()).isEmpty();
		assertThat(streamer.capabilities()).contains(io.github.seastreamer.Capability.ATTRIBUTES);
	}

	@Test
	void anAttributeNamedLikeTheMessageFieldIsRejected() {
		Producer producer = this.support.streamer().createProducer(key("reserved"));
		StreamKey key = producer.anchoredKey().orElseThrow();
		assertThat(producer.sendTo(key, RedisTestSupport.bytes("x"), Map.of("msg", "clash")))
			.failsWithin(java.time.Duration.ofSeconds(5))
			.withThrowableThat()
			.withMessageContaining("attribute name 'msg'");
		assertThat(this.support.raw().xlen(key.name())).isZero();
	}

	@Test
	void entriesWrittenWithRawXaddAreDeliveredWithTheirSequenceAndTimestamp() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("raw");
		String id = this.support.raw().xadd(key.name(), "msg", "hello");
		Consumer consumer = earliest(streamer, ConsumerMode.REAL_TIME, key);
		Message message = await(consumer.next());
		RedisMessageId parsed = RedisMessageId.parse(id);
		assertThat(message.payloadAsString()).isEqualTo("hello");
		assertThat(message.sequence()).isEqualTo((parsed.ms() << 16) | parsed.n());
		assertThat(message.timestamp()).isEqualTo(Instant.ofEpochMilli(parsed.ms()));
		assertThat(message.streamKey()).isEqualTo(key);
		assertThat(message.shardId()).isEqualTo(ShardId.ZERO);
	}

	@Test
	void rawShardKeysMapToTheirShardNumber() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("rawshard");
		this.support.raw().xadd(key.name() + ":12", "msg", "twelve");
		Consumer consumer = earliest(streamer, ConsumerMode.REAL_TIME, key);
		Message message = await(consumer.next());
		assertThat(message.shardId()).isEqualTo(ShardId.of(12));
		assertThat(message.streamKey()).isEqualTo(key);
	}

	@Test
	void extraFieldsAreIgnoredAndEntriesWithoutMsgAreSkippedAndAcknowledged() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("fields");
		this.support.raw().xadd(key.name(), Map.of("other", "x"));
		this.support.raw().xadd(key.name(), "before", "y", "msg", "kept", "after", "z");
		Consumer consumer = earliest(streamer, ConsumerMode.RESUMABLE, key);
		Message message = await(consumer.next());
		assertThat(message.payloadAsString()).isEqualTo("kept");
		await(consumer.commit(message.header()));
		// the skipped entry does not stay in the pending list
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(
					this.support.raw().xpending(key.name(), ((RedisConsumer) consumer).group()).getCount())
				.isZero());
	}

	@Test
	void rewindAcceptsOurSequenceBackAndReadsAfterThatEntry() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("seq");
		String first = this.support.raw().xadd(key.name(), "msg", "a");
		this.support.raw().xadd(key.name(), "msg", "b");
		Consumer consumer = earliest(streamer, ConsumerMode.REAL_TIME, key);
		assertThat(await(consumer.next()).payloadAsString()).isEqualTo("a");
		assertThat(await(consumer.next()).payloadAsString()).isEqualTo("b");
		await(consumer.rewind(SeqPos.at(RedisMessageId.parse(first).sequence())));
		assertThat(await(consumer.next()).payloadAsString()).isEqualTo("b");
	}

	@Test
	void groupAndConsumerNamesAndAckIdsFollowTheRustLayout() throws Exception {
		Streamer streamer = this.support.streamer();
		StreamKey key = key("names");
		String id = this.support.raw().xadd(key.name(), "msg", "one");
		Consumer consumer = earliest(streamer, ConsumerMode.RESUMABLE, key);
		Message message = await(consumer.next());
		String group = HostId.get() + ":r";
		var consumers = this.support.raw().xinfoConsumers(key.name(), group);
		assertThat(consumers.toString()).contains(group);
		assertThat(this.support.raw().xpending(key.name(), group).getCount()).isEqualTo(1);
		await(consumer.commit(message.header()));
		assertThat(this.support.raw().xpending(key.name(), group).getCount()).isZero();
		assertThat(RedisMessageId.fromSequence(message.sequence())).hasToString(id);
	}

	@Test
	@SuppressWarnings("unchecked")
	void aConsumerOfAnotherProcessResumesTheSameGroup() throws Exception {
		StreamKey key = key("handover");
		String group = "rust-group";
		this.support.raw()
			.xgroupCreate(io.lettuce.core.XReadArgs.StreamOffset.from(key.name(), "0"), group,
					io.lettuce.core.XGroupCreateArgs.Builder.mkstream());
		for (int i = 0; i < 4; i++) {
			this.support.raw().xadd(key.name(), "msg", "m" + i);
		}
		// "the other implementation" reads two entries and acknowledges the first
		var read = this.support.raw()
			.xreadgroup(io.lettuce.core.Consumer.from(group, group), io.lettuce.core.XReadArgs.Builder.count(2),
					io.lettuce.core.XReadArgs.StreamOffset.lastConsumed(key.name()));
		this.support.raw().xack(key.name(), group, read.get(0).getId());
		Streamer streamer = this.support.streamer();
		Consumer consumer = this.support.track(streamer.createConsumer(key,
				ConsumerOptions.builder()
					.mode(ConsumerMode.RESUMABLE)
					.group(group)
					.with(RedisConsumerOptions.builder().heartbeat(RedisTestSupport.fast()).build())
					.build()));
		// its pending entry first, then what the group has not delivered yet
		assertThat(RedisTestSupport.receive(consumer, 3)).containsExactly("m1", "m2", "m3");
	}

}

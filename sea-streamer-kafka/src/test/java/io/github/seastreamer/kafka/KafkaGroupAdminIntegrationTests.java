package io.github.seastreamer.kafka;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.SeqPos;
import io.github.seastreamer.ShardLag;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A group's lag, moving a group and describing the cluster through the streamer's own
 * admin client, against a real broker.
 */
class KafkaGroupAdminIntegrationTests {

	private static KafkaStreamer streamer;

	@BeforeAll
	static void connect() {
		streamer = KafkaTestBroker.connect();
	}

	@AfterAll
	static void disconnect() throws Exception {
		streamer.disconnect().get(30, TimeUnit.SECONDS);
	}

	private static long total(List<ShardLag> lags) {
		return lags.stream().mapToLong(ShardLag::lag).sum();
	}

	@Test
	void lagCountsWhatTheGroupHasNotCommittedAndMovingTheGroupChangesIt() throws Exception {
		StreamKey topic = KafkaTestBroker.newTopic("group-admin", 2);
		StreamKey missing = StreamKey.of("group-admin-missing-" + System.nanoTime());
		List<MessageHeader> sent = KafkaTestBroker.produce(streamer, topic, 20);
		String group = "admin-" + System.nanoTime();
		ConsumerOptions options = ConsumerOptions.builder()
			.mode(ConsumerMode.RESUMABLE)
			.group(group)
			.streamReset(StreamReset.EARLIEST)
			.build();
		// nothing committed yet: everything is lag; a missing topic is left out
		List<ShardLag> before = streamer.groupLag(List.of(topic, missing), options).get(20, TimeUnit.SECONDS);
		assertThat(before).hasSize(2).allMatch((l) -> l.streamKey().equals(topic));
		assertThat(total(before)).isEqualTo(20);
		try (Consumer consumer = streamer.createConsumer(topic, options)) {
			Message last = null;
			for (int i = 0; i < 20; i++) {
				last = consumer.next().get(20, TimeUnit.SECONDS);
				consumer.commit(last.header()).get(20, TimeUnit.SECONDS);
			}
			assertThat(last).isNotNull();
		}
		assertThat(total(streamer.groupLag(List.of(topic), options).get(20, TimeUnit.SECONDS))).isZero();

		streamer.moveGroup(List.of(topic), options, SeqPos.BEGINNING).get(20, TimeUnit.SECONDS);
		assertThat(total(streamer.groupLag(List.of(topic), options).get(20, TimeUnit.SECONDS))).isEqualTo(20);
		streamer.moveGroup(List.of(topic), options, SeqPos.END).get(20, TimeUnit.SECONDS);
		assertThat(total(streamer.groupLag(List.of(topic), options).get(20, TimeUnit.SECONDS))).isZero();
		// offset 3 on both partitions, kept within each
		streamer.moveGroup(List.of(topic), options, SeqPos.at(3)).get(20, TimeUnit.SECONDS);
		List<ShardLag> atThree = streamer.groupLag(List.of(topic), options).get(20, TimeUnit.SECONDS);
		long expected = 0;
		for (int p = 0; p < 2; p++) {
			int partition = p;
			long end = sent.stream().filter((h) -> h.shardId().id() == partition).count();
			expected += Math.max(0, end - Math.min(3, end));
		}
		assertThat(total(atThree)).isEqualTo(expected);
		// a time before every record: the beginning; after every record: the end
		streamer.moveGroup(List.of(topic), options, sent.get(0).timestamp().minusSeconds(60)).get(20, TimeUnit.SECONDS);
		assertThat(total(streamer.groupLag(List.of(topic), options).get(20, TimeUnit.SECONDS))).isEqualTo(20);
		streamer.moveGroup(List.of(topic), options, Instant.now().plusSeconds(3600)).get(20, TimeUnit.SECONDS);
		assertThat(total(streamer.groupLag(List.of(topic), options).get(20, TimeUnit.SECONDS))).isZero();
	}

	@Test
	void realTimeOptionsHaveNoGroupToReportOn() {
		StreamKey topic = StreamKey.of("group-admin-rt");
		assertThatThrownBy(
				() -> streamer.groupLag(List.of(topic), ConsumerOptions.defaults()).get(20, TimeUnit.SECONDS))
			.isInstanceOf(ExecutionException.class)
			.satisfies((ex) -> assertThat(SeaStreamerException.find(ex).kind())
				.isEqualTo(ErrorKind.CONSUMER_GROUP_NOT_SET));
	}

	@Test
	void describeClusterNamesTheClusterAndItsBrokers() throws Exception {
		KafkaStreamer.ClusterDescription cluster = streamer.describeCluster(java.time.Duration.ofSeconds(10))
			.get(20, TimeUnit.SECONDS);
		assertThat(cluster.clusterId()).isNotBlank();
		assertThat(cluster.nodes()).isGreaterThanOrEqualTo(1);
	}

}

package io.github.seastreamer.spring.actuate.metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import io.github.seastreamer.StreamerUri;
import io.github.seastreamer.spring.actuate.support.KafkaAdmins;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The lag of a Kafka consumer group on one topic: the sum over its partitions of the end
 * offset minus the committed offset (minus the earliest offset where the group has not
 * committed), through a short-lived admin client on the URI's bootstrap servers.
 * <p>
 * Blocks for at most a few timeouts; loaded only when kafka-clients is on the class path.
 * Security settings given as backend options (SASL, TLS) are not applied here: such
 * clusters report no lag.
 */
final class KafkaLagProbe {

	private KafkaLagProbe() {
	}

	static OptionalLong lag(StreamerUri uri, String group, String topic, Duration timeout) throws Exception {
		int millis = KafkaAdmins.millis(timeout);
		try (Admin admin = KafkaAdmins.create(uri, millis, "seastreamer-lag")) {
			TopicDescription description = admin.describeTopics(java.util.List.of(topic))
				.allTopicNames()
				.get(millis, TimeUnit.MILLISECONDS)
				.get(topic);
			if (description == null) {
				return OptionalLong.empty();
			}
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
			for (TopicPartitionInfo partition : description.partitions()) {
				TopicPartition tp = new TopicPartition(topic, partition.partition());
				latest.put(tp, OffsetSpec.latest());
				earliest.put(tp, OffsetSpec.earliest());
			}
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get(millis, TimeUnit.MILLISECONDS);
			Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest)
				.all()
				.get(millis, TimeUnit.MILLISECONDS);
			Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest)
				.all()
				.get(millis, TimeUnit.MILLISECONDS);
			long lag = 0;
			for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
				OffsetAndMetadata done = committed.get(end.getKey());
				long from = (done != null) ? done.offset() : starts.get(end.getKey()).offset();
				lag += Math.max(0, end.getValue().offset() - from);
			}
			return OptionalLong.of(lag);
		}
	}

}

package io.github.seastreamer.spring.actuate.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamerUri;
import io.github.seastreamer.spring.actuate.support.KafkaAdmins;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.jspecify.annotations.Nullable;

/**
 * Moves a Kafka consumer group's committed offsets with a short-lived admin client on the
 * URI's bootstrap servers: to the earliest offsets, the latest offsets, or the offsets
 * for a time (the first record at or after it; the latest offset where there is none).
 * <p>
 * The group must have no active member (its listener is stopped first). Blocks for at
 * most a few timeouts; loaded only when kafka-clients is on the class path. Security
 * settings given as backend options (SASL, TLS) are not applied here.
 */
final class KafkaGroupMover {

	private KafkaGroupMover() {
	}

	/**
	 * Move the group.
	 * @param uri the streamer URI
	 * @param group the group
	 * @param topics the topics
	 * @param beginning whether to go to the beginning ({@code false} and no time: the
	 * end)
	 * @param time the time, or {@code null}
	 * @param timeout the timeout of each admin call
	 * @throws Exception if the admin calls fail
	 */
	static void move(StreamerUri uri, String group, List<StreamKey> topics, boolean beginning, @Nullable Instant time,
			Duration timeout) throws Exception {
		int millis = KafkaAdmins.millis(timeout);
		try (Admin admin = KafkaAdmins.create(uri, millis, "seastreamer-move")) {
			List<String> names = topics.stream().map(StreamKey::name).toList();
			Map<String, TopicDescription> descriptions = admin.describeTopics(names)
				.allTopicNames()
				.get(millis, TimeUnit.MILLISECONDS);
			Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			OffsetSpec spec = beginning ? OffsetSpec.earliest()
					: (time != null) ? OffsetSpec.forTimestamp(time.toEpochMilli()) : OffsetSpec.latest();
			for (TopicDescription description : descriptions.values()) {
				for (TopicPartitionInfo partition : description.partitions()) {
					TopicPartition tp = new TopicPartition(description.name(), partition.partition());
					wanted.put(tp, spec);
					latest.put(tp, OffsetSpec.latest());
				}
			}
			Map<TopicPartition, ListOffsetsResultInfo> found = admin.listOffsets(wanted)
				.all()
				.get(millis, TimeUnit.MILLISECONDS);
			Map<TopicPartition, ListOffsetsResultInfo> ends = (time != null)
					? admin.listOffsets(latest).all().get(millis, TimeUnit.MILLISECONDS) : Map.of();
			Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
			found.forEach((tp, info) -> {
				// no record at or after the time: nothing to replay on that partition
				long offset = (info.offset() >= 0) ? info.offset() : ends.get(tp).offset();
				offsets.put(tp, new OffsetAndMetadata(offset));
			});
			admin.alterConsumerGroupOffsets(group, offsets).all().get(millis, TimeUnit.MILLISECONDS);
		}
	}

}

package io.github.seastreamer.kafka;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.HostId;
import io.github.seastreamer.SeqPos;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.ShardLag;
import io.github.seastreamer.StreamKey;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * A consumer group's lag and repositioning through a streamer's own admin client, so that
 * everything the streamer was connected with (SASL, TLS, any client property) applies:
 * the lag of each partition is its end offset minus the group's committed offset (its
 * earliest offset where the group has not committed); moving a group sets its committed
 * offsets, which Kafka accepts only while the group has no active member.
 * <p>
 * Never blocks: the futures complete on the admin client's thread.
 */
final class KafkaGroupAdmin {

	private final Admin admin;

	KafkaGroupAdmin(Admin admin) {
		this.admin = admin;
	}

	/**
	 * The group of consumers created with these options: the one given, or for a
	 * Resumable consumer without one a group derived from the host id; a Load-balanced
	 * consumer needs one, a Real-time consumer has none (both fail).
	 */
	static String groupOf(ConsumerOptions options) {
		return options.groupOrDefault(HostId.get() + "r");
	}

	CompletableFuture<List<ShardLag>> lag(Collection<StreamKey> streams, ConsumerOptions options) {
		return withPartitions(streams, options, (group, partitions) -> {
			if (partitions.isEmpty()) {
				return CompletableFuture.completedFuture(List.<ShardLag>of());
			}
			CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> committed = stage(
					this.admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
			CompletableFuture<Map<TopicPartition, Long>> ends = offsets(partitions, OffsetSpec.latest());
			CompletableFuture<Map<TopicPartition, Long>> starts = offsets(partitions, OffsetSpec.earliest());
			return CompletableFuture.allOf(committed, ends, starts).thenApply((done) -> {
				List<ShardLag> lags = new ArrayList<>();
				for (TopicPartition tp : partitions) {
					OffsetAndMetadata mark = committed.join().get(tp);
					long from = (mark != null) ? mark.offset() : starts.join().getOrDefault(tp, 0L);
					long end = ends.join().getOrDefault(tp, from);
					lags.add(new ShardLag(StreamKey.of(tp.topic()), ShardId.of(tp.partition()),
							Math.max(0, end - from)));
				}
				return lags;
			});
		});
	}

	CompletableFuture<Void> move(Collection<StreamKey> streams, ConsumerOptions options, SeqPos position) {
		if (position instanceof SeqPos.At at) {
			long target = at.sequence();
			// an offset is a sequence number per partition: the same one everywhere, kept
			// within what each partition holds
			return moveTo(streams, options, (partitions) -> offsets(partitions, OffsetSpec.earliest())
				.thenCombine(offsets(partitions, OffsetSpec.latest()), (starts, ends) -> {
					Map<TopicPartition, Long> offsets = new HashMap<>();
					for (TopicPartition tp : partitions) {
						long start = starts.getOrDefault(tp, 0L);
						long end = ends.getOrDefault(tp, start);
						offsets.put(tp, Math.max(start, Math.min(end, target)));
					}
					return offsets;
				}));
		}
		OffsetSpec spec = (position instanceof SeqPos.Beginning) ? OffsetSpec.earliest() : OffsetSpec.latest();
		return moveTo(streams, options, (partitions) -> offsets(partitions, spec));
	}

	CompletableFuture<Void> move(Collection<StreamKey> streams, ConsumerOptions options, Instant time) {
		return moveTo(streams, options,
				(partitions) -> offsets(partitions, OffsetSpec.forTimestamp(time.toEpochMilli()))
					.thenCombine(offsets(partitions, OffsetSpec.latest()), (found, ends) -> {
						// no record at or after the time: the end
						Map<TopicPartition, Long> offsets = new HashMap<>();
						for (TopicPartition tp : partitions) {
							long offset = found.getOrDefault(tp, -1L);
							offsets.put(tp, (offset >= 0) ? offset : ends.getOrDefault(tp, 0L));
						}
						return offsets;
					}));
	}

	private CompletableFuture<Void> moveTo(Collection<StreamKey> streams, ConsumerOptions options,
			java.util.function.Function<List<TopicPartition>, CompletableFuture<Map<TopicPartition, Long>>> targets) {
		return withPartitions(streams, options, (group, partitions) -> {
			if (partitions.isEmpty()) {
				return CompletableFuture.completedFuture(null);
			}
			return targets.apply(partitions).thenCompose((offsets) -> {
				Map<TopicPartition, OffsetAndMetadata> marks = new HashMap<>();
				offsets.forEach((tp, offset) -> marks.put(tp, new OffsetAndMetadata(offset)));
				return stage(this.admin.alterConsumerGroupOffsets(group, marks).all());
			});
		});
	}

	/**
	 * Run a group operation once the group (as the streamer picks it) and the partitions
	 * of the topics that exist are known.
	 */
	private <T> CompletableFuture<T> withPartitions(Collection<StreamKey> streams, ConsumerOptions options,
			java.util.function.BiFunction<String, List<TopicPartition>, CompletableFuture<T>> operation) {
		String group;
		try {
			group = groupOf(options);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return existingPartitions(streams).thenCompose((partitions) -> operation.apply(group, partitions));
	}

	/** The partitions of the topics that exist; a missing topic is left out. */
	private CompletableFuture<List<TopicPartition>> existingPartitions(Collection<StreamKey> streams) {
		List<String> topics = streams.stream().map(StreamKey::name).distinct().toList();
		if (topics.isEmpty()) {
			return CompletableFuture.completedFuture(List.of());
		}
		Map<String, KafkaFuture<TopicDescription>> described;
		try {
			described = this.admin.describeTopics(topics).topicNameValues();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		List<CompletableFuture<List<TopicPartition>>> each = new ArrayList<>();
		for (Map.Entry<String, KafkaFuture<TopicDescription>> entry : described.entrySet()) {
			each.add(stage(entry.getValue()).handle((description, error) -> {
				if (error != null) {
					Throwable cause = (error.getCause() != null) ? error.getCause() : error;
					if (cause instanceof UnknownTopicOrPartitionException) {
						return List.of();
					}
					throw (error instanceof RuntimeException runtime) ? runtime
							: new java.util.concurrent.CompletionException(error);
				}
				List<TopicPartition> partitions = new ArrayList<>();
				description.partitions()
					.forEach((info) -> partitions.add(new TopicPartition(entry.getKey(), info.partition())));
				return partitions;
			}));
		}
		return CompletableFuture.allOf(each.toArray(new CompletableFuture<?>[0])).thenApply((done) -> {
			List<TopicPartition> all = new ArrayList<>();
			each.forEach((f) -> all.addAll(f.join()));
			return all;
		});
	}

	private CompletableFuture<Map<TopicPartition, Long>> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
		Map<TopicPartition, OffsetSpec> query = new HashMap<>();
		partitions.forEach((tp) -> query.put(tp, spec));
		return stage(this.admin.listOffsets(query).all()).thenApply((infos) -> {
			Map<TopicPartition, Long> offsets = new HashMap<>();
			for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> info : infos.entrySet()) {
				offsets.put(info.getKey(), info.getValue().offset());
			}
			return offsets;
		});
	}

	private static <T> CompletableFuture<T> stage(KafkaFuture<T> future) {
		CompletableFuture<T> result = new CompletableFuture<>();
		future.whenComplete((value, error) -> {
			if (error != null) {
				result.completeExceptionally(error);
			}
			else {
				result.complete(value);
			}
		});
		return result;
	}

}

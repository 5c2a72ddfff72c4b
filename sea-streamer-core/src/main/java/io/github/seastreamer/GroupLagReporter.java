package io.github.seastreamer;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Optionally implemented by a {@link Streamer} that can tell how far a consumer group is
 * behind: for each stream and shard, how many messages the group has not yet committed.
 * Monitoring code checks {@code streamer instanceof GroupLagReporter} and needs no
 * backend-specific code.
 * <p>
 * What counts as committed is the backend's: the file backend and {@code mem://} count
 * messages after the group's committed sequence (all kept messages of a shard the group
 * never committed); a load-balanced {@code mem://} group also counts messages claimed by
 * members and not yet committed. Never blocks the caller: the answer comes through the
 * returned future, which fails with a {@link SeaStreamerException} (a real-time mode that
 * has no group, an unreadable store) instead of waiting forever. Thread-safe.
 */
public interface GroupLagReporter {

	/**
	 * The lag of the group that consumers created with these options would belong to.
	 * @param streams the streams to report on (streams that do not exist yet are left
	 * out)
	 * @param options the consumer options: the mode and the group (or the mode's default
	 * group, as {@link Streamer#createConsumer} would pick it)
	 * @return a future of one entry per existing stream and shard, in no particular
	 * order; fails with {@link ErrorKind#CONSUMER_GROUP_NOT_SET} for a real-time mode
	 */
	CompletableFuture<List<ShardLag>> groupLag(Collection<StreamKey> streams, ConsumerOptions options);

}

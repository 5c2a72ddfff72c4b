package io.github.seastreamer;

import java.util.Objects;

/**
 * How many messages of one shard of one stream a consumer group has not yet committed, as
 * reported by a {@link GroupLagReporter}.
 *
 * @param streamKey the stream
 * @param shardId the shard
 * @param lag the number of messages, never negative
 */
public record ShardLag(StreamKey streamKey, ShardId shardId, long lag) {

	/**
	 * Validate the entry.
	 * @param streamKey the stream
	 * @param shardId the shard
	 * @param lag the number of messages
	 * @throws IllegalArgumentException if the lag is negative
	 */
	public ShardLag {
		Objects.requireNonNull(streamKey, "streamKey");
		Objects.requireNonNull(shardId, "shardId");
		if (lag < 0) {
			throw new IllegalArgumentException("lag of " + streamKey + " shard " + shardId + " is negative: " + lag);
		}
	}

}

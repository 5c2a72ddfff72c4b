package io.github.seastreamer.stdio;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.github.seastreamer.StreamKey;

/**
 * The fields of one parsed input line, as text; what the fast path of
 * {@link StdioLineParser} computes, in a form tests and tools can compare.
 *
 * @param timestamp the timestamp of the meta, or {@code null} ("now")
 * @param streamKey the key of the meta, or {@code null} (broadcast)
 * @param sequence the sequence of the meta, or {@code null} (assigned by the reader)
 * @param shardId the shard of the meta, or {@code null} (shard 0)
 * @param payload the payload text
 */
record StdioLine(@Nullable Instant timestamp, @Nullable StreamKey streamKey, @Nullable Long sequence,
		@Nullable Long shardId, String payload) {

}

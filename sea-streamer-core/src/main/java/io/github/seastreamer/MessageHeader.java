package io.github.seastreamer;

import java.time.Instant;
import java.util.Objects;

/**
 * What identifies and dates a message: stream key, shard, sequence number and timestamp.
 * A producer's receipt is a header too.
 *
 * <p>
 * The meaning of {@code sequence} depends on the backend: a per-stream counter (stdio,
 * file, starting at 1 on file), the packed Redis entry id {@code (ms << 16) | n}, or the
 * Kafka offset. It is unsigned.
 *
 * @param streamKey the stream
 * @param shardId the shard
 * @param sequence the sequence number, unsigned
 * @param timestamp when the message was produced (precision depends on the backend)
 */
public record MessageHeader(StreamKey streamKey, ShardId shardId, long sequence, Instant timestamp) {

	/**
	 * Validate the header.
	 * @param streamKey the stream
	 * @param shardId the shard
	 * @param sequence the sequence number
	 * @param timestamp the timestamp
	 */
	public MessageHeader {
		Objects.requireNonNull(streamKey, "streamKey");
		Objects.requireNonNull(shardId, "shardId");
		Objects.requireNonNull(timestamp, "timestamp");
	}

	/**
	 * The header as the compact JSON object of the SeaStreamer tools:
	 * {@code {"stream_key":…,"shard_id":N,"sequence":N,"timestamp":"…"}}.
	 * @return the JSON text
	 */
	public String toJson() {
		return "{\"stream_key\":\"" + this.streamKey.name() + "\",\"shard_id\":" + this.shardId + ",\"sequence\":"
				+ Long.toUnsignedString(this.sequence) + ",\"timestamp\":\"" + Timestamps.format(this.timestamp)
				+ "\"}";
	}

	@Override
	public String toString() {
		return "[" + Timestamps.format(this.timestamp) + " | " + this.streamKey + " | "
				+ Long.toUnsignedString(this.sequence) + " | " + this.shardId + "]";
	}

}

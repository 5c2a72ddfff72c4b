package io.github.seastreamer.file.format;

import java.time.Instant;

import io.github.seastreamer.StreamKey;
import io.github.seastreamer.Timestamps;

/**
 * One entry of a beacon: the summary of one stream and shard up to the beacon.
 *
 * <pre>
 * len key | shard u64 | max sequence u64 | max timestamp u64 (ms) | running checksum u16
 * </pre>
 *
 * @param key the stream
 * @param shard the shard, unsigned
 * @param sequence the highest sequence number written so far
 * @param timestampMs the highest timestamp written so far, Unix milliseconds
 * @param runningChecksum the running checksum of the stream's frames so far
 */
public record Marker(StreamKey key, long shard, long sequence, long timestampMs, int runningChecksum) {

	/** The largest size of a marker. */
	public static final int MAX_SIZE = 282;

	/**
	 * The encoded size.
	 * @return 27 + key length
	 */
	public int size() {
		return 27 + this.key.name().length();
	}

	/**
	 * The marker as the compact JSON of ss-decode.
	 * @return {@code {"header":{…},"running_checksum":N}}
	 */
	public String toJson() {
		return "{\"header\":{\"stream_key\":\"" + this.key.name() + "\",\"shard_id\":"
				+ Long.toUnsignedString(this.shard) + ",\"sequence\":" + Long.toUnsignedString(this.sequence)
				+ ",\"timestamp\":\"" + Timestamps.format(Instant.ofEpochMilli(this.timestampMs))
				+ "\"},\"running_checksum\":" + this.runningChecksum + "}";
	}

}

package io.github.seastreamer.file.format;

import io.github.seastreamer.StreamKey;

/**
 * A stream and shard; ordered as beacons order their markers (key byte-wise, then shard
 * unsigned).
 *
 * @param key the stream
 * @param shard the shard, unsigned
 */
public record StreamShard(StreamKey key, long shard) implements Comparable<StreamShard> {

	@Override
	public int compareTo(StreamShard other) {
		int c = this.key.name().compareTo(other.key.name());
		return (c != 0) ? c : Long.compareUnsigned(this.shard, other.shard);
	}

	@Override
	public String toString() {
		return "`" + this.key.name() + "`/" + Long.toUnsignedString(this.shard);
	}

}

package io.github.seastreamer.redis;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.StreamKey;

/**
 * Shards 0, 1, ..., n-1, 0, ... in call order, starting at 0 (32-bit wrapping counter as
 * in the Rust {@code RoundRobinSharder}). Thread-safe, lock-free.
 */
final class RoundRobinSharder implements Sharder {

	private final int shards;

	private final AtomicInteger state = new AtomicInteger();

	RoundRobinSharder(int shards) {
		if (shards < 1) {
			throw new ConfigurationException("a sharder needs at least 1 shard, was " + shards);
		}
		this.shards = shards;
	}

	@Override
	public long shard(StreamKey key, byte[] payload) {
		return Integer.remainderUnsigned(this.state.getAndIncrement(), this.shards);
	}

	@Override
	public String toString() {
		return "RoundRobinSharder(" + this.shards + ")";
	}

}

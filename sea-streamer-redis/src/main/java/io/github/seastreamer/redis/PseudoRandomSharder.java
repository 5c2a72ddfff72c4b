package io.github.seastreamer.redis;

import java.time.Clock;

import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.StreamKey;

/**
 * The current UTC millisecond-of-second modulo n, as the Rust
 * {@code PseudoRandomSharder}. Thread-safe.
 */
final class PseudoRandomSharder implements Sharder {

	private final int shards;

	private final Clock clock;

	PseudoRandomSharder(int shards) {
		this(shards, Clock.systemUTC());
	}

	PseudoRandomSharder(int shards, Clock clock) {
		if (shards < 1) {
			throw new ConfigurationException("a sharder needs at least 1 shard, was " + shards);
		}
		this.shards = shards;
		this.clock = clock;
	}

	@Override
	public long shard(StreamKey key, byte[] payload) {
		return (this.clock.millis() % 1000) % this.shards;
	}

	@Override
	public String toString() {
		return "PseudoRandomSharder(" + this.shards + ")";
	}

}

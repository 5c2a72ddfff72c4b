package io.github.seastreamer.redis;

import io.github.seastreamer.StreamKey;

/**
 * Chooses the shard of each message a Redis producer sends: the entry goes to the key
 * {@code <stream>:<shard>}. Each producer gets its own instance (see
 * {@link RedisProducerOptions.Builder#sharder}).
 *
 * <p>
 * Called on the caller's thread of {@code send}, possibly from several threads at once:
 * implementations must be cheap, thread-safe and must not block.
 */
@FunctionalInterface
public interface Sharder {

	/**
	 * The shard of a message.
	 * @param key the stream key
	 * @param payload the payload (must not be modified)
	 * @return the shard number, unsigned
	 */
	long shard(StreamKey key, byte[] payload);

	/**
	 * A sharder returning 0, 1, ..., n-1, 0, ... for successive messages of one producer.
	 * @param shards the number of shards, at least 1
	 * @return a new sharder
	 */
	static Sharder roundRobin(int shards) {
		return new RoundRobinSharder(shards);
	}

	/**
	 * A sharder returning the current millisecond-of-second modulo n (as the Rust
	 * {@code PseudoRandomSharder}).
	 * @param shards the number of shards, at least 1
	 * @return a new sharder
	 */
	static Sharder pseudoRandom(int shards) {
		return new PseudoRandomSharder(shards);
	}

}

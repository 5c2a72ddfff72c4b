package io.github.seastreamer.mem;

import io.github.seastreamer.BackendOptions;
import io.github.seastreamer.ConfigurationException;

/**
 * Producer options of the {@code mem://} backend: messages go round-robin over shards
 * {@code 0..shards-1} (default 1 shard, so everything goes to shard 0), for {@code send}
 * and {@code sendTo} alike.
 *
 * @param shards the number of shards, at least 1
 */
public record MemProducerOptions(int shards) implements BackendOptions {

	/**
	 * Validate the options.
	 * @param shards the number of shards
	 * @throws ConfigurationException if it is not positive
	 */
	public MemProducerOptions {
		if (shards < 1) {
			throw new ConfigurationException("MemProducerOptions.shards must be at least 1, was " + shards);
		}
	}

}

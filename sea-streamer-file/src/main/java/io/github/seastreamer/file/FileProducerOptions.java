package io.github.seastreamer.file;

import io.github.seastreamer.BackendOptions;
import io.github.seastreamer.ShardId;

/**
 * Options of file producers, given with
 * {@code ProducerOptions.builder().with(FileProducerOptions.builder().shard(...).build())}.
 *
 * <p>
 * Immutable and thread-safe.
 */
public final class FileProducerOptions implements BackendOptions {

	private final ShardId shard;

	private FileProducerOptions(ShardId shard) {
		this.shard = shard;
	}

	/**
	 * Options writing to one shard.
	 * @param shard the shard every message of the producer goes to
	 * @return the options
	 */
	public static FileProducerOptions shard(ShardId shard) {
		return new FileProducerOptions(shard);
	}

	/**
	 * The shard messages are written to (default 0).
	 * @return the shard
	 */
	public ShardId shard() {
		return this.shard;
	}

	@Override
	public String toString() {
		return "FileProducerOptions{shard=" + this.shard + "}";
	}

}

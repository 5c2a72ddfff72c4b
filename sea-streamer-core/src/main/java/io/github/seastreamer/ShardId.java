package io.github.seastreamer;

/**
 * A shard of a stream: an unsigned 64-bit number, 0 by default. Kafka: the partition;
 * Redis: the suffix of the key ({@code <stream>:<shard>}); file and stdio: stored with
 * each message.
 *
 * @param id the shard number, unsigned
 */
public record ShardId(long id) implements Comparable<ShardId> {

	/** Shard 0, the default. */
	public static final ShardId ZERO = new ShardId(0);

	/**
	 * Create a shard id.
	 * @param id the shard number, unsigned
	 * @return the shard id
	 */
	public static ShardId of(long id) {
		return (id == 0) ? ZERO : new ShardId(id);
	}

	@Override
	public int compareTo(ShardId other) {
		return Long.compareUnsigned(this.id, other.id);
	}

	/**
	 * The number as unsigned decimal text.
	 * @return the text
	 */
	@Override
	public String toString() {
		return Long.toUnsignedString(this.id);
	}

}

package io.github.seastreamer.redis;

/**
 * When a Resumable or LoadBalanced Redis consumer acknowledges ({@code XACK}) what it
 * delivered. A RealTime consumer never acknowledges anything.
 */
public enum AutoCommit {

	/**
	 * Entries are read with {@code NOACK}: acknowledged by Redis as they are read
	 * (at-most-once; what is buffered when the process dies is lost).
	 * {@code commit(header)} completes at once.
	 */
	IMMEDIATE,

	/**
	 * The default: every message handed out by {@code next()} is acknowledged once it is
	 * older than {@link RedisConsumerOptions#autoCommitDelay()}, in background batches
	 * every {@link RedisConsumerOptions#autoCommitInterval()}; {@code commit(header)}
	 * acknowledges that entry at once.
	 */
	DELAYED,

	/**
	 * Nothing is acknowledged automatically; {@code commit(header)} queues the entry and
	 * the background commit (every {@link RedisConsumerOptions#autoCommitInterval()})
	 * sends the queued acknowledgements; the future completes then.
	 */
	ROLLING,

	/**
	 * Nothing is acknowledged automatically; {@code commit(header)} acknowledges that
	 * entry at once (batched with concurrent commits).
	 */
	DISABLED

}

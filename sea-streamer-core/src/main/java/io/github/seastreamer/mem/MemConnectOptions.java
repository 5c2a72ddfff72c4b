package io.github.seastreamer.mem;

import io.github.seastreamer.BackendOptions;
import io.github.seastreamer.ConfigurationException;

/**
 * Connect options of the {@code mem://} backend, given with
 * {@code ConnectOptions.builder().with(new MemConnectOptions(n))}.
 *
 * <p>
 * The first streamer connected to a name creates its broker with these options; a later
 * connect to the same name with a different limit fails with a
 * {@link ConfigurationException}.
 *
 * @param maxMessagesPerStream how many messages each shard of a stream keeps; older ones
 * are dropped (at least 1)
 */
public record MemConnectOptions(int maxMessagesPerStream) implements BackendOptions {

	/** The default retention limit. */
	public static final int DEFAULT_MAX_MESSAGES_PER_STREAM = 1_000_000;

	/**
	 * Validate the options.
	 * @param maxMessagesPerStream the retention limit
	 * @throws ConfigurationException if the limit is not positive
	 */
	public MemConnectOptions {
		if (maxMessagesPerStream < 1) {
			throw new ConfigurationException(
					"MemConnectOptions.maxMessagesPerStream must be at least 1, was " + maxMessagesPerStream);
		}
	}

	/**
	 * The default options.
	 * @return options with a limit of one million messages
	 */
	public static MemConnectOptions defaults() {
		return new MemConnectOptions(DEFAULT_MAX_MESSAGES_PER_STREAM);
	}

}

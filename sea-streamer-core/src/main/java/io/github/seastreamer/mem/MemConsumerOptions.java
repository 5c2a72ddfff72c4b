package io.github.seastreamer.mem;

import io.github.seastreamer.BackendOptions;
import io.github.seastreamer.ConfigurationException;

/**
 * Consumer options of the {@code mem://} backend.
 *
 * @param bufferSize how many messages a consumer buffers ahead of {@code next()} (at
 * least 1; default 1024); a load-balanced member claims no more than it can buffer
 */
public record MemConsumerOptions(int bufferSize) implements BackendOptions {

	/** The default buffer size. */
	public static final int DEFAULT_BUFFER_SIZE = 1024;

	/**
	 * Validate the options.
	 * @param bufferSize the buffer size
	 * @throws ConfigurationException if it is not positive
	 */
	public MemConsumerOptions {
		if (bufferSize < 1) {
			throw new ConfigurationException("MemConsumerOptions.bufferSize must be at least 1, was " + bufferSize);
		}
	}

}

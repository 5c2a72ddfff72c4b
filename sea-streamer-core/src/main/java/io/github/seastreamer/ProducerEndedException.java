package io.github.seastreamer;

import org.jspecify.annotations.Nullable;

/**
 * The producer was ended, or its streamer disconnected; nothing more can be sent through
 * it.
 */
public class ProducerEndedException extends SeaStreamerException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the error.
	 * @param message what happened
	 */
	public ProducerEndedException(String message) {
		super(ErrorKind.PRODUCER_ENDED, message);
	}

	/**
	 * Create the error with a cause.
	 * @param message what happened
	 * @param cause the underlying failure
	 */
	public ProducerEndedException(String message, @Nullable Throwable cause) {
		super(ErrorKind.PRODUCER_ENDED, message, cause);
	}

}

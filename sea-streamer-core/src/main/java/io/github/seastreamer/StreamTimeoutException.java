package io.github.seastreamer;

import org.jspecify.annotations.Nullable;

/**
 * An operation did not complete within its time limit.
 */
public class StreamTimeoutException extends SeaStreamerException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the error.
	 * @param message what happened
	 */
	public StreamTimeoutException(String message) {
		super(ErrorKind.TIMEOUT, message);
	}

	/**
	 * Create the error with a cause.
	 * @param message what happened
	 * @param cause the underlying failure
	 */
	public StreamTimeoutException(String message, @Nullable Throwable cause) {
		super(ErrorKind.TIMEOUT, message, cause);
	}

}

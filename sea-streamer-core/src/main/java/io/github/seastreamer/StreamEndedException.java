package io.github.seastreamer;

import org.jspecify.annotations.Nullable;

/**
 * The stream has ended: end of input, an End-of-Stream marker, or the consumer or
 * streamer was closed.
 */
public class StreamEndedException extends SeaStreamerException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the error.
	 * @param message what happened
	 */
	public StreamEndedException(String message) {
		super(ErrorKind.STREAM_ENDED, message);
	}

	/**
	 * Create the error with a cause.
	 * @param message what happened
	 * @param cause the underlying failure
	 */
	public StreamEndedException(String message, @Nullable Throwable cause) {
		super(ErrorKind.STREAM_ENDED, message, cause);
	}

}

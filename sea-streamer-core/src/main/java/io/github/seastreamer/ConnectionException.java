package io.github.seastreamer;

import org.jspecify.annotations.Nullable;

/**
 * A connection to a server failed or was lost; usually retryable.
 */
public class ConnectionException extends SeaStreamerException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the error.
	 * @param message what happened
	 */
	public ConnectionException(String message) {
		super(ErrorKind.CONNECT, message);
	}

	/**
	 * Create the error with a cause.
	 * @param message what happened
	 * @param cause the underlying failure
	 */
	public ConnectionException(String message, @Nullable Throwable cause) {
		super(ErrorKind.CONNECT, message, cause);
	}

	/**
	 * Create the error, stating whether a retry can help (it cannot when no backend
	 * serves the scheme, for example).
	 * @param message what happened
	 * @param cause the underlying failure
	 * @param retryable whether a retry can help
	 */
	public ConnectionException(String message, @Nullable Throwable cause, boolean retryable) {
		super(ErrorKind.CONNECT, message, cause, retryable);
	}

}

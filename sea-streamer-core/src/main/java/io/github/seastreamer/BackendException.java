package io.github.seastreamer;

import org.jspecify.annotations.Nullable;

/**
 * A failure specific to one backend (Redis, Kafka, file, stdio); the message is prefixed
 * with the backend's name, and the error says whether retrying can help.
 */
public class BackendException extends SeaStreamerException {

	private static final long serialVersionUID = 1L;

	private final String backend;

	/**
	 * Create the error.
	 * @param backend the backend's scheme, such as {@code redis}
	 * @param message what happened
	 * @param cause the underlying failure
	 * @param retryable whether a retry can help
	 */
	public BackendException(String backend, String message, @Nullable Throwable cause, boolean retryable) {
		super(ErrorKind.BACKEND, backend + ": " + message, cause, retryable);
		this.backend = backend;
	}

	/**
	 * Create a non-retryable error.
	 * @param backend the backend's scheme
	 * @param message what happened
	 */
	public BackendException(String backend, String message) {
		this(backend, message, null, false);
	}

	/**
	 * The backend that failed.
	 * @return its scheme
	 */
	public String backend() {
		return this.backend;
	}

}

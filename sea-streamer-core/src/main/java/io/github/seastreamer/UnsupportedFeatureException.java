package io.github.seastreamer;

import org.jspecify.annotations.Nullable;

/**
 * The backend does not support the requested mode or operation.
 */
public class UnsupportedFeatureException extends SeaStreamerException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the error.
	 * @param message what happened
	 */
	public UnsupportedFeatureException(String message) {
		super(ErrorKind.UNSUPPORTED, message);
	}

	/**
	 * Create the error with a cause.
	 * @param message what happened
	 * @param cause the underlying failure
	 */
	public UnsupportedFeatureException(String message, @Nullable Throwable cause) {
		super(ErrorKind.UNSUPPORTED, message, cause);
	}

}

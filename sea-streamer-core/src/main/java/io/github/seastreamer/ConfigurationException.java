package io.github.seastreamer;

import org.jspecify.annotations.Nullable;

/**
 * Options or configuration are invalid; the message names the option and the problem.
 */
public class ConfigurationException extends SeaStreamerException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the error.
	 * @param message what happened
	 */
	public ConfigurationException(String message) {
		super(ErrorKind.CONFIG, message);
	}

	/**
	 * Create the error with a cause.
	 * @param message what happened
	 * @param cause the underlying failure
	 */
	public ConfigurationException(String message, @Nullable Throwable cause) {
		super(ErrorKind.CONFIG, message, cause);
	}

}

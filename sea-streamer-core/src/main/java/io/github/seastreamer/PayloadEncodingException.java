package io.github.seastreamer;

import org.jspecify.annotations.Nullable;

/**
 * A payload is not valid UTF-8 where text is required (stdio, {@code payloadAsString}).
 */
public class PayloadEncodingException extends SeaStreamerException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the error.
	 * @param message what was not valid, and where
	 * @param cause the decoding failure
	 */
	public PayloadEncodingException(String message, @Nullable Throwable cause) {
		super(ErrorKind.UTF8, message, cause);
	}

}

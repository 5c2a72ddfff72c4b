package io.github.seastreamer.cli;

import java.util.concurrent.CompletionException;

import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.StreamEndedException;
import io.github.seastreamer.UriMasking;

import static io.github.seastreamer.SeaStreamerException.unwrap;

/**
 * Turns failures into the one-line messages the command prints on stderr.
 *
 * <p>
 * Stateless and thread-safe.
 */
final class Errors {

	private Errors() {
	}

	/**
	 * Whether a failure means that the consumed stream has ended.
	 * @param error the failure
	 * @return {@code true} for {@link StreamEndedException}, however wrapped
	 */
	static boolean isStreamEnded(Throwable error) {
		return unwrap(error) instanceof StreamEndedException;
	}

	/**
	 * The failure as an unchecked exception, unwrapped.
	 * @param error the failure
	 * @return the exception to throw
	 */
	static RuntimeException unchecked(Throwable error) {
		Throwable cause = unwrap(error);
		if (cause instanceof RuntimeException runtime) {
			return runtime;
		}
		return new CompletionException(cause);
	}

	/**
	 * One line for a person: the SeaStreamer message (kind and what happened), or the
	 * type and message of any other failure, with passwords masked and line breaks
	 * removed.
	 * @param error the failure
	 * @return the line, without the {@code Error: } prefix
	 */
	static String oneLine(Throwable error) {
		Throwable cause = unwrap(error);
		String text;
		if (cause instanceof SeaStreamerException) {
			text = cause.getMessage();
		}
		else {
			String message = cause.getMessage();
			text = cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
			Throwable inner = cause.getCause();
			if (inner != null && inner.getMessage() != null
					&& (message == null || !message.contains(inner.getMessage()))) {
				text += " (" + inner.getMessage() + ")";
			}
		}
		if (text == null) {
			text = cause.getClass().getSimpleName();
		}
		return clean(text);
	}

	/**
	 * A message on one line, passwords masked.
	 * @param text the message
	 * @return the line
	 */
	static String clean(String text) {
		return UriMasking.mask(text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim());
	}

}

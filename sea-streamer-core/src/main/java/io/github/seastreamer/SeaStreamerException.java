package io.github.seastreamer;

import org.jspecify.annotations.Nullable;

/**
 * The root of every error SeaStreamer raises; unchecked. The {@link #kind()} says what
 * failed and {@link #isRetryable()} whether trying again can help.
 *
 * <p>
 * Messages never contain the password of a URI.
 */
public class SeaStreamerException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final ErrorKind kind;

	private final boolean retryable;

	/**
	 * Create an error of the given kind.
	 * @param kind what failed
	 * @param message what happened, for a person
	 */
	public SeaStreamerException(ErrorKind kind, String message) {
		this(kind, message, null, kind.isRetryable());
	}

	/**
	 * Create an error of the given kind with a cause.
	 * @param kind what failed
	 * @param message what happened, for a person
	 * @param cause the underlying failure
	 */
	public SeaStreamerException(ErrorKind kind, String message, @Nullable Throwable cause) {
		this(kind, message, cause, kind.isRetryable());
	}

	/**
	 * Create an error of the given kind, stating whether a retry can help.
	 * @param kind what failed
	 * @param message what happened, for a person
	 * @param cause the underlying failure
	 * @param retryable whether a retry can help
	 */
	public SeaStreamerException(ErrorKind kind, String message, @Nullable Throwable cause, boolean retryable) {
		super(kind.title() + ": " + message, cause);
		this.kind = kind;
		this.retryable = retryable;
	}

	/**
	 * What failed.
	 * @return the kind
	 */
	public ErrorKind kind() {
		return this.kind;
	}

	/**
	 * Whether retrying the same operation can succeed.
	 * @return {@code true} if a retry can help
	 */
	public boolean isRetryable() {
		return this.retryable;
	}

	/**
	 * Unwrap {@link java.util.concurrent.CompletionException} and
	 * {@link java.util.concurrent.ExecutionException} layers to the first SeaStreamer
	 * error.
	 * @param error an error as thrown by {@code join()} or {@code get()}
	 * @return the SeaStreamer error, or {@code null} if there is none in the chain
	 */
	public static @Nullable SeaStreamerException find(@Nullable Throwable error) {
		return findIn(error);
	}

	/**
	 * Remove the {@link java.util.concurrent.CompletionException} and
	 * {@link java.util.concurrent.ExecutionException} layers that futures wrap around a
	 * failure.
	 * @param error an error as thrown by {@code join()} or {@code get()}, or passed to a
	 * future's callback
	 * @return the first error in the chain that is neither (the error itself if it is
	 * neither, or the innermost wrapper if it has no cause)
	 */
	public static Throwable unwrap(Throwable error) {
		Throwable current = error;
		while ((current instanceof java.util.concurrent.CompletionException
				|| current instanceof java.util.concurrent.ExecutionException) && current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	private static @Nullable SeaStreamerException findIn(@Nullable Throwable error) {
		Throwable current = error;
		int depth = 0;
		while (current != null && depth++ < 16) {
			if (current instanceof SeaStreamerException sse) {
				return sse;
			}
			current = current.getCause();
		}
		return null;
	}

}

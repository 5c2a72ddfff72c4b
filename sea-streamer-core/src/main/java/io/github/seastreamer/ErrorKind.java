package io.github.seastreamer;

/**
 * What went wrong, as the SeaStreamer error model names it, and whether retrying the same
 * operation can help.
 */
public enum ErrorKind {

	/** Connecting to, or talking with, a server failed. */
	CONNECT("Connection Error", true),

	/** The backend has no timeout option value. */
	TIMEOUT_NOT_SET("Timeout has not yet been set", false),

	/** {@code anchor} was called on a producer that is already anchored. */
	ALREADY_ANCHORED("Producer has already been anchored", false),

	/** {@code send} or {@code anchored} on a producer that was never anchored. */
	NOT_ANCHORED("Producer has not yet been anchored", false),

	/** A consumer group was given where the mode forbids one. */
	CONSUMER_GROUP_IS_SET("Consumer group is set; but not expected", false),

	/** The mode requires a consumer group and none was given. */
	CONSUMER_GROUP_NOT_SET("Consumer group has not yet been set", false),

	/** The set of stream keys (or shards) would be empty. */
	STREAM_KEY_EMPTY("Stream key set is empty", false),

	/** The stream key is not subscribed by this consumer. */
	STREAM_KEY_NOT_FOUND("Stream key not found", false),

	/** A commit was requested on a consumer that cannot commit. */
	COMMIT_NOT_ALLOWED("You cannot commit on a real-time consumer", false),

	/** A payload is not valid UTF-8 where text is required. */
	UTF8("Utf8Error", false),

	/** A stream URL or streamer URI is malformed. */
	STREAM_URL("StreamUrlErr", false),

	/** A stream key is invalid. */
	STREAM_KEY("StreamKeyErr", false),

	/** The backend does not support this mode or operation. */
	UNSUPPORTED("Unsupported feature", false),

	/** The stream has ended: end of input, End-of-Stream, or the consumer was closed. */
	STREAM_ENDED("Stream ended", false),

	/** The producer has ended or its backend was disconnected. */
	PRODUCER_ENDED("Producer ended", false),

	/** An operation did not complete in time. */
	TIMEOUT("Timed out", true),

	/** Options or configuration are invalid. */
	CONFIG("Configuration error", false),

	/** A backend-specific failure. */
	BACKEND("Backend error", false),

	/** A failure of the runtime (threads, interrupts). */
	RUNTIME("Runtime error", false);

	private final String title;

	private final boolean retryable;

	ErrorKind(String title, boolean retryable) {
		this.title = title;
		this.retryable = retryable;
	}

	/**
	 * The display text of this kind, as the error model writes it.
	 * @return the title
	 */
	public String title() {
		return this.title;
	}

	/**
	 * Whether retrying an operation that failed with this kind can succeed without
	 * changing anything.
	 * @return {@code true} if a retry can help
	 */
	public boolean isRetryable() {
		return this.retryable;
	}

}

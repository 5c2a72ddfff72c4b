package io.github.seastreamer;

import org.jspecify.annotations.Nullable;

/**
 * A stream URL or streamer URI is malformed; {@link #reason()} says how. The message
 * quotes the input with any password masked.
 */
public class StreamUrlException extends SeaStreamerException {

	private static final long serialVersionUID = 1L;

	/**
	 * How a URL is malformed.
	 */
	public enum Reason {

		/** A node is not a valid URL. */
		URL_PARSE("UrlParseError"),

		/** A key of the key list is not a valid stream key. */
		STREAM_KEY("StreamKeyErr"),

		/** Exactly one stream key was expected. */
		NOT_ONE_STREAM_KEY("Expected one stream key, found zero or more than one"),

		/** No node was given. */
		ZERO_NODE("No node has been specified"),

		/** Neither a scheme nor a node was given. */
		PROTOCOL_REQUIRED("Protocol is required"),

		/** A stream URL must end its node list with a slash. */
		NO_ENDING_SLASH("URL must have an ending slash, even when streams is empty");

		private final String description;

		Reason(String description) {
			this.description = description;
		}

		/**
		 * The description of this reason.
		 * @return the text
		 */
		public String description() {
			return this.description;
		}

	}

	private final Reason reason;

	/**
	 * Create the error.
	 * @param reason how the URL is malformed
	 * @param input the input (passwords are masked here)
	 * @param detail more detail, or {@code null}
	 * @param cause the underlying failure, or {@code null}
	 */
	public StreamUrlException(Reason reason, String input, @Nullable String detail, @Nullable Throwable cause) {
		super(ErrorKind.STREAM_URL, reason.description() + ((detail != null) ? " (" + detail + ")" : "") + " in `"
				+ UriMasking.mask(input) + "`", cause);
		this.reason = reason;
	}

	/**
	 * How the URL is malformed.
	 * @return the reason
	 */
	public Reason reason() {
		return this.reason;
	}

}

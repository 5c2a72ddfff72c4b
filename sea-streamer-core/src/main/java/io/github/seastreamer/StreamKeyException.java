package io.github.seastreamer;

/**
 * A stream key is invalid; the message quotes the offending key and the valid pattern.
 */
public class StreamKeyException extends SeaStreamerException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the error for an invalid key.
	 * @param key the invalid key text
	 */
	public StreamKeyException(String key) {
		super(ErrorKind.STREAM_KEY, "Invalid stream key " + quote(key) + ": valid pattern is [a-zA-Z0-9._-]{1, 249}");
	}

	private static String quote(String key) {
		String shown = (key.length() > 60) ? key.substring(0, 60) + "...(" + key.length() + " chars)" : key;
		return "`" + shown + "`";
	}

}

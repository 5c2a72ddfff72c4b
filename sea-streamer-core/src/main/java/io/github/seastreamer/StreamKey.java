package io.github.seastreamer;

/**
 * The name of a stream: 1 to 249 characters of {@code [a-zA-Z0-9._-]} (249 is Kafka's
 * topic-name limit). Ordered byte-wise.
 *
 * @param name the key's text
 */
public record StreamKey(String name) implements Comparable<StreamKey> {

	/** The longest key allowed. */
	public static final int MAX_LENGTH = 249;

	/** Reserved for internal control messages (End-of-Stream, flush latches). */
	public static final String SEA_STREAMER_INTERNAL = "SEA_STREAMER_INTERNAL";

	/** Subscribing to this key on the file backend means every stream of the file. */
	public static final String SEA_STREAMER_WILDCARD = "SEA_STREAMER_WILDCARD";

	/** The key stdio gives to input lines that carry no key. */
	public static final String BROADCAST = "broadcast";

	/**
	 * Validate the key.
	 * @param name the key's text
	 * @throws StreamKeyException if the text is not a valid key
	 */
	public StreamKey {
		if (!isValid(name)) {
			throw new StreamKeyException(name);
		}
	}

	/**
	 * Create a key.
	 * @param name the key's text
	 * @return the key
	 * @throws StreamKeyException if the text is not a valid key
	 */
	public static StreamKey of(String name) {
		return new StreamKey(name);
	}

	/**
	 * Whether the text is a valid key.
	 * @param name the text
	 * @return {@code true} if valid
	 */
	public static boolean isValid(String name) {
		int length = name.length();
		if (length == 0 || length > MAX_LENGTH) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (!isKeyChar(name.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether the character may appear in a key.
	 * @param c the character
	 * @return {@code true} if allowed
	 */
	public static boolean isKeyChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
				|| c == '-';
	}

	@Override
	public int compareTo(StreamKey other) {
		return this.name.compareTo(other.name);
	}

	@Override
	public String toString() {
		return this.name;
	}

}

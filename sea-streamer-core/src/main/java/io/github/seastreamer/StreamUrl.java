package io.github.seastreamer;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A streamer URI followed by a list of stream keys.
 *
 * <pre>
 * StreamUrl := [ scheme "://" ] [ node { "," node } ] "/" [ key { "," key } ]
 * </pre>
 *
 * <p>
 * The key list is what follows the <em>last</em> slash:
 * {@code redis://localhost:6379/a,b} has keys {@code a} and {@code b};
 * {@code stdio:///clock} has node {@code stdio://.} and key {@code clock};
 * {@code file:///tmp/x.ss/a} is the file {@code /tmp/x.ss} and key {@code a}.
 * {@link #toString()} masks passwords.
 *
 * @param streamer the streamer URI
 * @param streamKeys the keys, possibly none
 */
public record StreamUrl(StreamerUri streamer, List<StreamKey> streamKeys) {

	/**
	 * Validate the URL.
	 * @param streamer the streamer URI
	 * @param streamKeys the keys
	 */
	public StreamUrl {
		streamKeys = List.copyOf(streamKeys);
	}

	/**
	 * Parse a stream URL.
	 * @param text the text
	 * @return the URL
	 * @throws StreamUrlException if it is malformed
	 */
	public static StreamUrl parse(String text) {
		int i = text.indexOf("://");
		@Nullable String scheme = (i < 0) ? null : text.substring(0, i);
		String rest = (i < 0) ? text : text.substring(i + 3);
		int slash = rest.lastIndexOf('/');
		if (slash < 0) {
			throw new StreamUrlException(StreamUrlException.Reason.NO_ENDING_SLASH, text, null, null);
		}
		List<StreamerNode> nodes = StreamerUri.parseNodes(text, scheme, rest.substring(0, slash));
		List<StreamKey> keys = new ArrayList<>();
		for (String item : rest.substring(slash + 1).split(",")) {
			if (item.isEmpty()) {
				continue;
			}
			try {
				keys.add(StreamKey.of(item));
			}
			catch (StreamKeyException ex) {
				throw new StreamUrlException(StreamUrlException.Reason.STREAM_KEY, text, ex.getMessage(), ex);
			}
		}
		return new StreamUrl(new StreamerUri(nodes), keys);
	}

	/**
	 * The single stream key.
	 * @return the key
	 * @throws StreamUrlException if there is not exactly one key
	 */
	public StreamKey streamKey() {
		if (this.streamKeys.size() != 1) {
			throw new StreamUrlException(StreamUrlException.Reason.NOT_ONE_STREAM_KEY, toString(),
					this.streamKeys.size() + " keys", null);
		}
		return this.streamKeys.get(0);
	}

	/**
	 * The URL with passwords masked, in a form that parses again when nothing was masked.
	 * @return the text
	 */
	@Override
	public String toString() {
		String nodes = this.streamer.toMaskedUriString();
		if (nodes.endsWith("://.")) {
			nodes = nodes.substring(0, nodes.length() - 1);
		}
		return nodes + "/" + this.streamKeys.stream().map(StreamKey::name).collect(Collectors.joining(","));
	}

}

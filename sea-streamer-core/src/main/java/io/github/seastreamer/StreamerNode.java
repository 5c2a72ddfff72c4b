package io.github.seastreamer;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * One node of a {@link StreamerUri}: a server address ({@code redis://host:6379}) or, for
 * the file backend, a path ({@code file:///srv/a.ss}).
 *
 * <p>
 * {@link #toString()} masks the password; {@link #text()} and {@link #uri()} do not and
 * must not be logged.
 *
 * @param text the node as written, with its scheme if the URI had one
 */
public record StreamerNode(String text) {

	/**
	 * Parse and validate a node.
	 * @param text the node text
	 * @return the node
	 * @throws StreamUrlException if it is not a valid URL
	 */
	public static StreamerNode parse(String text) {
		StreamerNode node = new StreamerNode(text);
		node.uri();
		return node;
	}

	/**
	 * The node as a URI (spaces percent-encoded).
	 * @return the URI
	 * @throws StreamUrlException if it is not a valid URL
	 */
	public URI uri() {
		try {
			return new URI(this.text.replace(" ", "%20"));
		}
		catch (URISyntaxException ex) {
			throw new StreamUrlException(StreamUrlException.Reason.URL_PARSE, this.text,
					ex.getReason() + " at index " + ex.getIndex(), null);
		}
	}

	/**
	 * The scheme, if the node was written with {@code scheme://}.
	 * @return the scheme
	 */
	public Optional<String> scheme() {
		int i = this.text.indexOf("://");
		return (i < 0) ? Optional.empty() : Optional.of(this.text.substring(0, i));
	}

	/**
	 * The text after {@code scheme://} (the whole text without a scheme).
	 * @return the text
	 */
	public String withoutScheme() {
		int i = this.text.indexOf("://");
		return (i < 0) ? this.text : this.text.substring(i + 3);
	}

	/**
	 * The host, if any.
	 * @return the host
	 */
	public Optional<String> host() {
		URI uri = uri();
		if (uri.getHost() != null) {
			return Optional.of(uri.getHost());
		}
		if (scheme().isEmpty()) {
			int colon = this.text.lastIndexOf(':');
			String host = (colon < 0) ? this.text : this.text.substring(0, colon);
			return host.isEmpty() ? Optional.empty() : Optional.of(host);
		}
		return Optional.empty();
	}

	/**
	 * The port, if any.
	 * @return the port
	 */
	public Optional<Integer> port() {
		URI uri = uri();
		if (uri.getPort() >= 0) {
			return Optional.of(uri.getPort());
		}
		if (scheme().isEmpty()) {
			int colon = this.text.lastIndexOf(':');
			if (colon >= 0) {
				try {
					return Optional.of(Integer.parseInt(this.text.substring(colon + 1)));
				}
				catch (NumberFormatException ex) {
					return Optional.empty();
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * The user-info (user and password), if any. Never log it.
	 * @return the user-info, percent-decoded
	 */
	public Optional<String> userInfo() {
		return Optional.ofNullable(uri().getUserInfo());
	}

	/**
	 * The node with its password masked.
	 * @return the masked text
	 */
	@Override
	public String toString() {
		return UriMasking.mask(this.text);
	}

}

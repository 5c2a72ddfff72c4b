package io.github.seastreamer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Where a streamer connects: an optional scheme and one or more nodes.
 *
 * <pre>
 * StreamerUri := [ scheme "://" ] [ node { "," node } ]
 * </pre>
 *
 * <p>
 * {@code kafka://node-a:9092,node-b:9092} has two nodes; {@code stdio://} has the single
 * node {@code stdio://.}; there are no query parameters. The scheme picks the backend.
 * {@link #toString()} masks passwords.
 *
 * @param nodes the nodes, at least one
 */
public record StreamerUri(List<StreamerNode> nodes) {

	/**
	 * Validate the URI.
	 * @param nodes the nodes
	 */
	public StreamerUri {
		nodes = List.copyOf(nodes);
		if (nodes.isEmpty()) {
			throw new StreamUrlException(StreamUrlException.Reason.ZERO_NODE, "", null, null);
		}
	}

	/**
	 * Parse a streamer URI.
	 * @param text the text
	 * @return the URI
	 * @throws StreamUrlException if it is malformed
	 */
	public static StreamerUri parse(String text) {
		int i = text.indexOf("://");
		@Nullable String scheme = (i < 0) ? null : text.substring(0, i);
		String rest = (i < 0) ? text : text.substring(i + 3);
		return new StreamerUri(parseNodes(text, scheme, rest));
	}

	static List<StreamerNode> parseNodes(String input, @Nullable String scheme, String nodeList) {
		List<StreamerNode> nodes = new ArrayList<>();
		if (nodeList.isEmpty()) {
			if (scheme == null) {
				throw new StreamUrlException(StreamUrlException.Reason.PROTOCOL_REQUIRED, input, null, null);
			}
			nodes.add(StreamerNode.parse(scheme + "://."));
			return nodes;
		}
		for (String item : nodeList.split(",")) {
			if (item.isEmpty()) {
				continue;
			}
			String text = (scheme != null) ? scheme + "://" + item : item;
			try {
				nodes.add(StreamerNode.parse(text));
			}
			catch (StreamUrlException ex) {
				throw new StreamUrlException(StreamUrlException.Reason.URL_PARSE, input,
						"node `" + UriMasking.mask(text) + "`", ex);
			}
		}
		if (nodes.isEmpty()) {
			throw new StreamUrlException(StreamUrlException.Reason.ZERO_NODE, input, null, null);
		}
		return nodes;
	}

	/**
	 * The protocol: the scheme of the first node, if it has one.
	 * @return the protocol, such as {@code redis}
	 */
	public Optional<String> protocol() {
		return this.nodes.get(0).scheme();
	}

	/**
	 * The first node.
	 * @return the node
	 */
	public StreamerNode firstNode() {
		return this.nodes.get(0);
	}

	/**
	 * The display form of the URI, {@code (node,node)}, with passwords masked.
	 * @return the text
	 */
	@Override
	public String toString() {
		return this.nodes.stream().map(StreamerNode::toString).collect(Collectors.joining(",", "(", ")"));
	}

	/**
	 * The nodes joined with commas, with passwords masked: a form that can be parsed
	 * again when nothing was masked.
	 * @return the text
	 */
	public String toMaskedUriString() {
		if (this.nodes.size() == 1) {
			return this.nodes.get(0).toString();
		}
		String scheme = protocol().map((s) -> s + "://").orElse("");
		return scheme
				+ this.nodes.stream().map((n) -> UriMasking.mask(n.withoutScheme())).collect(Collectors.joining(","));
	}

}

package io.github.seastreamer.cli.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The payloads of the benchmark (tools.md §8): {@code The this the message payload NNNNN:
 * Lorem ipsum ...} with the index zero-padded to 5 digits (more digits from 100 000 on),
 * exactly 256 ASCII bytes, cut to a smaller size or padded to a larger one by repeating
 * the text. A payload never ends with a space (a stdio meta line would trim it) and never
 * holds a line break.
 *
 * <p>
 * Stateless and thread-safe.
 */
public final class BenchPayloads {

	private static final String LOREM = ": Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor"
			+ " incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco"
			+ " laboris nisi ut aliquip ex ea commodo";

	private BenchPayloads() {
	}

	/**
	 * The payload of one index.
	 * @param index the message index
	 * @param size the payload size in bytes, at least 1
	 * @return the payload
	 */
	public static byte[] payload(int index, int size) {
		String text = "The this the message payload " + String.format("%05d", index) + LOREM;
		StringBuilder out = new StringBuilder(size);
		while (out.length() < size) {
			if (out.length() > 0) {
				out.append(' ');
			}
			out.append(text);
		}
		out.setLength(size);
		if (out.charAt(size - 1) == ' ') {
			out.setCharAt(size - 1, '.');
		}
		return out.toString().getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * The payloads of indexes 0 to count - 1.
	 * @param count how many
	 * @param size the payload size in bytes, at least 1
	 * @return the payloads, in order
	 */
	public static List<byte[]> payloads(int count, int size) {
		List<byte[]> payloads = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			payloads.add(payload(i, size));
		}
		return payloads;
	}

}

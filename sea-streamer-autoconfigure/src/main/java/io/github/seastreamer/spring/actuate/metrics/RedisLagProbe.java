package io.github.seastreamer.spring.actuate.metrics;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import javax.net.ssl.SSLSocketFactory;

import io.github.seastreamer.StreamerNode;
import io.github.seastreamer.StreamerUri;
import org.jspecify.annotations.Nullable;

/**
 * The lag of a Redis consumer group on one stream: {@code lag + pending} of that group in
 * {@code XINFO GROUPS <stream>} (Redis 7: entries not yet delivered to the group plus
 * entries delivered and not yet acknowledged), over a short-lived connection to the first
 * node.
 * <p>
 * Blocks for at most the timeout; an empty result when the group or stream does not exist
 * or the server does not report {@code lag} (Redis before 7, or after deletions). Only
 * the unsharded key of a stream is asked (shards {@code key:N} are not summed).
 */
final class RedisLagProbe {

	private RedisLagProbe() {
	}

	static OptionalLong lag(StreamerUri uri, String group, String stream, Duration timeout) throws IOException {
		StreamerNode node = uri.firstNode();
		boolean tls = "rediss".equals(uri.protocol().orElse(""));
		int millis = (int) Math.max(1, timeout.toMillis());
		try (Socket socket = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket()) {
			socket.connect(new InetSocketAddress(node.host().orElse("localhost"), node.port().orElse(6379)), millis);
			socket.setSoTimeout(millis);
			OutputStream out = socket.getOutputStream();
			InputStream in = new BufferedInputStream(socket.getInputStream());
			String userInfo = node.userInfo().orElse("");
			if (!userInfo.isEmpty()) {
				int colon = userInfo.indexOf(':');
				String user = (colon >= 0) ? decode(userInfo.substring(0, colon)) : "";
				String password = decode((colon >= 0) ? userInfo.substring(colon + 1) : userInfo);
				write(out, user.isEmpty() ? List.of("AUTH", password) : List.of("AUTH", user, password));
				Object reply = read(in);
				if (reply instanceof IOException) {
					throw new IOException("AUTH refused");
				}
			}
			write(out, List.of("XINFO", "GROUPS", stream));
			Object reply = read(in);
			if (!(reply instanceof List<?> groups)) {
				return OptionalLong.empty();
			}
			for (Object entry : groups) {
				if (entry instanceof List<?> fields) {
					String name = null;
					Long lag = null;
					Long pending = null;
					for (int i = 0; i + 1 < fields.size(); i += 2) {
						String key = String.valueOf(fields.get(i));
						Object value = fields.get(i + 1);
						switch (key) {
							case "name" -> name = String.valueOf(value);
							case "lag" -> lag = (value instanceof Long l) ? l : null;
							case "pending" -> pending = (value instanceof Long l) ? l : null;
							default -> {
							}
						}
					}
					if (group.equals(name) && lag != null) {
						return OptionalLong.of(lag + ((pending != null) ? pending : 0));
					}
				}
			}
			return OptionalLong.empty();
		}
	}

	private static String decode(String text) {
		return URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

	private static void write(OutputStream out, List<String> parts) throws IOException {
		StringBuilder builder = new StringBuilder("*").append(parts.size()).append("\r\n");
		for (String part : parts) {
			builder.append('$')
				.append(part.getBytes(StandardCharsets.UTF_8).length)
				.append("\r\n")
				.append(part)
				.append("\r\n");
		}
		out.write(builder.toString().getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	/**
	 * One RESP2 reply: a String, a Long, a List, {@code null}, or an IOException for an
	 * error reply.
	 */
	private static @Nullable Object read(InputStream in) throws IOException {
		int type = in.read();
		if (type == -1) {
			throw new IOException("connection closed by the server");
		}
		String line = readLine(in);
		switch (type) {
			case '+':
				return line;
			case '-':
				return new IOException(line);
			case ':':
				return Long.parseLong(line);
			case '$': {
				int length = Integer.parseInt(line);
				if (length < 0) {
					return null;
				}
				byte[] data = in.readNBytes(length + 2);
				return new String(data, 0, length, StandardCharsets.UTF_8);
			}
			case '*': {
				int count = Integer.parseInt(line);
				if (count < 0) {
					return null;
				}
				List<@Nullable Object> items = new ArrayList<>(count);
				for (int i = 0; i < count; i++) {
					items.add(read(in));
				}
				return items;
			}
			default:
				throw new IOException("unexpected reply type " + (char) type);
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int b;
		while ((b = in.read()) != -1 && b != '\n') {
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

}

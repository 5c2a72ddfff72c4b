package io.github.seastreamer.spring.actuate.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLSocketFactory;

import io.github.seastreamer.Streamer;
import io.github.seastreamer.StreamerNode;
import io.github.seastreamer.UriMasking;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.ClassUtils;

/**
 * The health of one streamer: whether its backend is reachable now. Redis: {@code PING}
 * over a fresh connection to the first node (after {@code AUTH} when the URI has
 * credentials); Kafka: a cluster description through an admin client; file: the file (or,
 * before it exists, its directory) is readable and writable; other backends (mem, stdio):
 * always up.
 * <p>
 * Blocks for at most the timeout per call; thread-safe. Details carry the backend and the
 * masked URI; errors are masked too.
 */
public class StreamerHealthIndicator implements HealthIndicator {

	/** Whether the Kafka backend (and so kafka-clients) is on the class path. */
	private static final boolean KAFKA_PRESENT = ClassUtils.isPresent("io.github.seastreamer.kafka.KafkaStreamer",
			StreamerHealthIndicator.class.getClassLoader())
			&& ClassUtils.isPresent("org.apache.kafka.clients.admin.Admin",
					StreamerHealthIndicator.class.getClassLoader());

	private final Streamer streamer;

	private final Duration timeout;

	/**
	 * Create the indicator.
	 * @param streamer the streamer
	 * @param timeout the longest a probe may take
	 */
	public StreamerHealthIndicator(Streamer streamer, Duration timeout) {
		this.streamer = streamer;
		this.timeout = timeout;
	}

	@Override
	public Health health() {
		String backend = this.streamer.uri().protocol().orElse("unknown");
		String masked = this.streamer.uri().toMaskedUriString();
		Health.Builder builder;
		try {
			builder = probe(backend);
		}
		catch (Exception ex) {
			builder = Health.down()
				.withDetail("error", UriMasking.mask(ex.getClass().getName() + ": " + ex.getMessage()));
		}
		return builder.withDetail("backend", backend).withDetail("uri", masked).build();
	}

	private Health.Builder probe(String backend) throws Exception {
		StreamerNode node = this.streamer.uri().firstNode();
		return switch (backend) {
			case "redis", "rediss" -> redisPing(node, "rediss".equals(backend));
			case "kafka" -> KAFKA_PRESENT ? KafkaProbe.describe(this.streamer, this.timeout)
					: Health.unknown().withDetail("reason", "the Kafka backend is not on the class path");
			case "file" -> file(node);
			default -> Health.up();
		};
	}

	private Health.Builder redisPing(StreamerNode node, boolean tls) throws IOException {
		String host = node.host().orElse("localhost");
		int port = node.port().orElse(6379);
		int millis = (int) Math.max(1, this.timeout.toMillis());
		try (Socket socket = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket()) {
			socket.connect(new InetSocketAddress(host, port), millis);
			socket.setSoTimeout(millis);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			String userInfo = node.userInfo().orElse("");
			if (!userInfo.isEmpty()) {
				int colon = userInfo.indexOf(':');
				String user = (colon >= 0) ? decode(userInfo.substring(0, colon)) : "";
				String password = decode((colon >= 0) ? userInfo.substring(colon + 1) : userInfo);
				String command = user.isEmpty() ? resp("AUTH", password) : resp("AUTH", user, password);
				out.write(command.getBytes(StandardCharsets.UTF_8));
				out.flush();
				String reply = readLine(in);
				if (!reply.startsWith("+")) {
					return Health.down().withDetail("error", "AUTH refused");
				}
			}
			out.write(resp("PING").getBytes(StandardCharsets.UTF_8));
			out.flush();
			String reply = readLine(in);
			return reply.equals("+PONG") ? Health.up()
					: Health.down().withDetail("error", "unexpected PING reply: " + UriMasking.mask(reply));
		}
	}

	private static String decode(String text) {
		return URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

	private static String resp(String... parts) {
		StringBuilder builder = new StringBuilder("*").append(parts.length).append("\r\n");
		for (String part : parts) {
			builder.append('$')
				.append(part.getBytes(StandardCharsets.UTF_8).length)
				.append("\r\n")
				.append(part)
				.append("\r\n");
		}
		return builder.toString();
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int b;
		while ((b = in.read()) != -1 && b != '\n') {
			if (b != '\r') {
				line.append((char) b);
			}
			if (line.length() > 512) {
				break;
			}
		}
		if (b == -1 && line.isEmpty()) {
			throw new IOException("connection closed by the server");
		}
		return line.toString();
	}

	private static Health.Builder file(StreamerNode node) {
		Path path = Path.of(node.withoutScheme());
		if (Files.exists(path)) {
			boolean ok = Files.isReadable(path) && Files.isWritable(path);
			return ok ? Health.up() : Health.down().withDetail("error", "the file is not readable and writable");
		}
		Path dir = path.toAbsolutePath().getParent();
		boolean ok = dir != null && Files.isDirectory(dir) && Files.isWritable(dir);
		return ok ? Health.up().withDetail("file", "not created yet")
				: Health.down().withDetail("error", "the file does not exist and its directory is not writable");
	}

}

package io.github.seastreamer.sample;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A {@code redis-server} process on a free port of 127.0.0.1, without persistence, for
 * one test class.
 * <p>
 * {@link #start()} waits at most five seconds for the port to accept connections and
 * retries once on another port if the first was taken meanwhile; {@link #close()} kills
 * the process.
 */
final class RedisServer implements AutoCloseable {

	static final String EXECUTABLE = "/usr/bin/redis-server";

	private final Process process;

	private final int port;

	private RedisServer(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	static RedisServer start() throws IOException {
		try {
			return startOnce();
		}
		catch (IllegalStateException ex) {
			return startOnce();
		}
	}

	private static RedisServer startOnce() throws IOException {
		int port = freePort();
		Process process = new ProcessBuilder(EXECUTABLE, "--port", Integer.toString(port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		RedisServer server = new RedisServer(process, port);
		try {
			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> !process.isAlive() || server.accepts());
		}
		catch (RuntimeException ex) {
			server.close();
			throw new IllegalStateException("redis-server did not start on port " + port, ex);
		}
		if (!process.isAlive()) {
			throw new IllegalStateException("redis-server exited at start on port " + port);
		}
		return server;
	}

	int port() {
		return this.port;
	}

	private boolean accepts() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}

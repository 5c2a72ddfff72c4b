package io.github.seastreamer.spring.listener;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process on 127.0.0.1 and a free port, without persistence,
 * for integration tests; stopped when the JVM exits (after Spring has closed its
 * contexts) or by {@link #stop()}.
 */
final class LocalRedisServer {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private final Process process;

	private final int port;

	private LocalRedisServer(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Start a server, retrying once if the free port was taken meanwhile.
	 * @return the running server
	 */
	static LocalRedisServer start() {
		IllegalStateException failure = null;
		for (int attempt = 0; attempt < 2; attempt++) {
			try {
				return startOnce();
			}
			catch (IllegalStateException ex) {
				failure = ex;
			}
		}
		throw failure;
	}

	private static LocalRedisServer startOnce() {
		int port = freePort();
		ProcessBuilder builder = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no")
			.redirectErrorStream(true)
			.redirectOutput(new File("target/redis-" + port + ".log"));
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run redis-server (apt-get install redis-server)", ex);
		}
		LocalRedisServer server = new LocalRedisServer(process, port);
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("redis-server exited with " + process.exitValue() + " on port " + port);
			}
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
				socket.setSoLinger(true, 0);
				Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
				return server;
			}
			catch (IOException notYet) {
				Thread.onSpinWait();
			}
		}
		server.stop();
		throw new IllegalStateException("redis-server did not listen on port " + port + " within " + START_TIMEOUT);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("no free port", ex);
		}
	}

	/**
	 * The URI of the server.
	 * @return {@code redis://127.0.0.1:<port>}
	 */
	String uri() {
		return "redis://127.0.0.1:" + this.port;
	}

	/**
	 * Stop the server and wait for it.
	 */
	void stop() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

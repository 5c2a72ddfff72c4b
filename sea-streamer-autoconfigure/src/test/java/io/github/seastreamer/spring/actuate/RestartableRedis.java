package io.github.seastreamer.spring.actuate;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real {@code redis-server} on 127.0.0.1 that can be stopped and started again on the
 * same port (for health tests), without persistence, optionally with a password.
 */
final class RestartableRedis {

	private final int port;

	private final String password;

	private Process process;

	RestartableRedis(String password) {
		this.port = freePort();
		this.password = password;
		// after Spring has closed its cached contexts (stopping the server earlier would
		// leave their clients reconnecting until their timeouts)
		Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "redis-ops-stop-" + this.port));
	}

	int port() {
		return this.port;
	}

	synchronized void start() {
		List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no"));
		if (!this.password.isEmpty()) {
			command.addAll(List.of("--requirepass", this.password));
		}
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(new File("target/redis-ops-" + this.port + ".log"))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run redis-server (apt-get install redis-server)", ex);
		}
		await().atMost(Duration.ofSeconds(10)).until(this::accepting);
	}

	synchronized void stop() {
		if (this.process != null) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	private boolean accepting() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
